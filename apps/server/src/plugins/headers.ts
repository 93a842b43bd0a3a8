/**
 * Headers on every answer: the request id (to find a request in the logs), and the browser
 * protections that cost nothing — no content sniffing, no framing by other sites, no
 * referrer leaving the site.
 */
import fp from 'fastify-plugin';

export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      reply.header('x-request-id', request.id);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'same-origin');
      return payload;
    });
  },
  { name: 'shenbao-headers' },
);
