import { it } from 'vitest';
import { BACKENDS, PROGRAM, startTestServer } from './support/app';
it('dbg', async () => {
  const s = await startTestServer(BACKENDS[0] as (typeof BACKENDS)[number]);
  s.app.addHook('onError', async (_req, _rep, err) => { console.log('ONERROR', err); });
  const a = await s.applicant();
  const r = await s.app.inject({ method: 'POST', url: `/api/attachments?programId=${PROGRAM}`, headers: { cookie: [...a.client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': a.client.csrfToken ?? '', 'content-type': 'multipart/form-data' }, payload: Buffer.from('whatever'), remoteAddress: a.client.ip });
  console.log(r.statusCode, r.body);
  await s.close();
}, 60000);
