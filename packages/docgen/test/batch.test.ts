import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProgramDir } from '@shenbao/core/node';
import { describe, expect, it } from 'vitest';
import { RenderPool } from '../src/batch.js';

const root = join(import.meta.dirname, '..', '..', '..');

describe('batch pool', () => {
  it('renders in worker threads; a bad input is reported and the others are written', async () => {
    const files = readProgramDir(join(root, 'schemas', 'ai-innovation-center'));
    const dir = mkdtempSync(join(tmpdir(), 'docgen-batch-'));
    const pool = new RenderPool({ files, workers: 2 });
    try {
      const good = pool.run({
        docId: 'publicity-notice',
        input: { path: join(root, 'examples', 'publicity-notice.json') },
        outPath: join(dir, 'a.docx'),
      });
      const bad = pool.run({ docId: 'publicity-notice', input: { data: { year: 'x' } } });
      const bytes = pool.run({
        docId: 'publicity-notice',
        input: { path: join(root, 'examples', 'publicity-notice.json') },
        returnBytes: true,
      });
      const [g, b, r] = await Promise.all([good, bad, bytes]);
      expect(g.ok).toBe(true);
      expect(readFileSync(join(dir, 'a.docx')).subarray(0, 2).toString()).toBe('PK');
      expect(b.ok).toBe(false);
      if (!b.ok) expect(b.errors?.length).toBeGreaterThan(0);
      expect(r.ok && r.bytes && r.bytes.length > 1000).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
