/**
 * Compressed responses: JSON over 1 KiB (the programme bundle is ~220 KB, ~25 KB compressed) in brotli
 * or gzip as the browser accepts, at brotli quality 4 (the plugin's default: 11 costs a core for
 * little gain on dynamic data). The portal's assets come compressed ahead of time (static.ts,
 * preCompressed). Request bodies are never decompressed: no client sends them compressed, and a
 * compressed body would only be a way around the body limit's intent.
 */
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export default fp(
  async (app: FastifyInstance) => {
    await app.register(compress, {
      global: true,
      globalDecompression: false,
      threshold: 1024,
      encodings: ['br', 'gzip'],
    });
  },
  { name: 'shenbao-compression' },
);
