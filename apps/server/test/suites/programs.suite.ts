/** The programmes as the portal loads them: list, bundle, single files, and no path tricks. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProgram } from '@shenbao/core';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { REPO_ROOT } from '../../src/config';
import { loadPrograms } from '../../src/program-registry';
import { seedTargets } from '../../src/seed';
import { Client, PROGRAM, type TestServer } from '../support/app';

const schemaDir = join(REPO_ROOT, 'schemas', PROGRAM);

export function programSuite(s: () => TestServer): void {
  describe('programmes', () => {
    it('lists the loaded programmes with their forms and submission form', async () => {
      const r = await s().client().get('/api/programs');
      expect(r.status).toBe(200);
      const p = r.json.find((x: { id: string }) => x.id === PROGRAM);
      const manifest = JSON.parse(readFileSync(join(schemaDir, 'program.json'), 'utf8'));
      expect(p).toEqual({
        id: PROGRAM,
        title: manifest.title,
        authority: manifest.authority,
        docNo: manifest.basis.docNo,
        forms: Object.entries(manifest.forms).map(([id, f]) => ({
          id,
          title: (f as { title: string }).title,
        })),
        submissionForm: manifest.submission.form,
      });
    });

    it('the bundle holds every JSON file as text, no templates, and loads with core', async () => {
      const r = await s().client().get(`/api/programs/${PROGRAM}/bundle`);
      expect(r.status).toBe(200);
      const files: Record<string, string> = r.json.files;
      expect(files['program.json']).toBe(readFileSync(join(schemaDir, 'program.json'), 'utf8'));
      expect(files['targets/2026.json']).toBe(readFileSync(join(schemaDir, 'targets', '2026.json'), 'utf8'));
      expect(Object.keys(files).some((k) => k.startsWith('templates/') || !k.endsWith('.json'))).toBe(false);
      const program = loadProgram(new Map(Object.entries(files)));
      expect(program.id).toBe(PROGRAM);
      expect(program.validate({ form: 'application', year: 2026 }, {}).valid).toBe(false);
      const again = await s()
        .client()
        .request('GET', `/api/programs/${PROGRAM}/bundle`, undefined, {
          headers: { 'if-none-match': String(r.headers.etag) },
        });
      expect(again.status).toBe(304);
    });

    it('serves a single file as its bytes, templates included', async () => {
      const json = await s().client().get(`/api/programs/${PROGRAM}/files/targets/2026.json`);
      expect(json.status).toBe(200);
      expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(json.text).toBe(readFileSync(join(schemaDir, 'targets', '2026.json'), 'utf8'));
      const docx = await s().app.inject({
        method: 'GET',
        url: `/api/programs/${PROGRAM}/files/templates/application-book.docx`,
      });
      expect(docx.statusCode).toBe(200);
      expect(
        docx.rawPayload.equals(readFileSync(join(REPO_ROOT, 'templates', PROGRAM, 'application-book.docx'))),
      ).toBe(true);
    });

    it.each([
      '../../package.json',
      '..%2f..%2fpackage.json',
      '%2e%2e/%2e%2e/package.json',
      'templates/../../../package.json',
      '/etc/passwd',
      'no-such.json',
    ])('a path outside the programme (%s) is 404', async (path) => {
      const r = await s().client().get(`/api/programs/${PROGRAM}/files/${path}`);
      expect(r.status).toBe(404);
      expect(r.text).not.toContain('"name": "shenbao"');
      expect(r.json.message).toMatch(/项目文件不存在|接口不存在/);
    });

    it('a second programme folder is served with no code change: list, bundle, targets, OpenAPI', async () => {
      const mini = join(REPO_ROOT, 'test', 'fixtures', 'programs', 'schemas', 'mini-grant');
      const programs = loadPrograms([schemaDir, mini]);
      await seedTargets(s().db, programs);
      const app = await buildApp({ config: s().config, db: s().db, programs });
      try {
        const c = new Client(app);
        const list = await c.get('/api/programs');
        expect(list.json.map((p: { id: string }) => p.id)).toEqual([PROGRAM, 'mini-grant']);
        expect(list.json[1]).toMatchObject({ title: '示例市绿色工厂认定（测试项目）', submissionForm: null });
        const bundle = await c.get('/api/programs/mini-grant/bundle');
        expect(bundle.json.files['program.json']).toBe(readFileSync(join(mini, 'program.json'), 'utf8'));
        const targets = await c.get('/api/programs/mini-grant/targets/2025');
        expect(targets.status).toBe(200);
        expect(targets.json.published).toEqual(
          JSON.parse(readFileSync(join(mini, 'targets', '2025.json'), 'utf8')),
        );
        const doc = await c.get('/api/openapi.json');
        expect(Object.keys(doc.json.components.schemas)).toEqual(
          expect.arrayContaining([`program.${PROGRAM}.application`, 'program.mini-grant.apply']),
        );
        // No online submission in that programme: no application can be started.
        const a = await s().applicant();
        const refused = await new Client(app, a.client.ip).request(
          'POST',
          '/api/applications',
          {
            programId: 'mini-grant',
            year: 2025,
          },
          {
            headers: {
              cookie: `sb_session=${a.client.cookies.get('sb_session')}`,
              'x-csrf-token': a.client.csrfToken as string,
            },
          },
        );
        expect(refused.status).toBe(400);
        expect(refused.json.message).toBe('本项目未开放网上申报');
      } finally {
        await app.close();
      }
    });

    it('an unknown programme is 404 in Chinese', async () => {
      const r = await s().client().get('/api/programs/no-such-programme/bundle');
      expect(r.status).toBe(404);
      expect(r.json.message).toBe('项目“no-such-programme”不存在');
    });
  });
}
