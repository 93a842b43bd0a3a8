import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, requestEarly } from '../src/api/client';
import { firstRequests, followUpRequests, formRoute, isFormPage } from '../src/first-requests';
import { staffListFilters, staffListPath } from '../src/pages/staff-list-query';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('requests started before the portal’s code has loaded', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('the staff list asks for the programme and exactly the list its page will ask for', () => {
    const hash = '#/p/demo/staff/applications?state=submitted&q=%E6%99%BA%E8%83%BD&page=2&sort=title';
    const query = new URLSearchParams(hash.split('?')[1]);
    const paths = firstRequests(hash);
    expect(paths).toEqual(['/api/programs/demo/bundle', staffListPath('demo', staffListFilters(query))]);
    expect(paths[1]).toContain('state=submitted');
    expect(paths[1]).toContain('page=2');
    expect(paths[1]).toContain('pageSize=20');
  });

  it('a form address names the form the page loads ahead of the first render, as the router passes it to the page', () => {
    const apply = formRoute('#/p/demo/apply?year=2027&fixture=bench');
    expect(apply?.programId).toBe('demo');
    expect(apply?.form).toBeUndefined();
    expect(apply?.query.get('year')).toBe('2027');
    expect(apply?.query.get('fixture')).toBe('bench');
    const other = formRoute('#/p/demo/form/self-assessment');
    expect(other && { programId: other.programId, form: other.form }).toEqual({
      programId: 'demo',
      form: 'self-assessment',
    });
    expect(formRoute('#/p/demo/review')).toBeUndefined();
    expect(formRoute('#/p/demo/staff/applications')).toBeUndefined();
    expect(formRoute('#/mine')).toBeUndefined();
    expect(formRoute('')).toBeUndefined();
  });

  it('form pages ask for the programme and its years of targets, other programme pages for the programme only; pages outside a programme for nothing', () => {
    expect(firstRequests('#/p/demo/apply?year=2027')).toEqual([
      '/api/programs/demo/bundle',
      '/api/programs/demo/targets',
    ]);
    expect(firstRequests('#/p/demo/form/self-assessment')).toEqual([
      '/api/programs/demo/bundle',
      '/api/programs/demo/targets',
    ]);
    expect(isFormPage('#/p/demo/apply')).toBe(true);
    expect(isFormPage('#/p/demo/review')).toBe(false);
    expect(firstRequests('#/p/demo/staff/applications/abc')).toEqual(['/api/programs/demo/bundle']);
    expect(firstRequests('#/mine')).toEqual([]);
    expect(firstRequests('')).toEqual([]);
  });

  it('a form page, once its years are in, asks for the year it will be filled for: the address’s year, else the latest published', () => {
    const years = [
      { year: 2026, published: true, publishedAt: null, hasDraft: false },
      { year: 2027, published: true, publishedAt: null, hasDraft: false },
      { year: 2028, published: false, publishedAt: null, hasDraft: true },
    ];
    expect(followUpRequests('#/p/demo/apply', '/api/programs/demo/targets', years)).toEqual([
      '/api/programs/demo/targets/2027',
    ]);
    expect(followUpRequests('#/p/demo/apply?year=2026', '/api/programs/demo/targets', years)).toEqual([
      '/api/programs/demo/targets/2026',
    ]);
    expect(followUpRequests('#/p/demo/apply', '/api/programs/demo/targets', [years[2]])).toEqual([]);
    expect(followUpRequests('#/p/demo/apply', '/api/programs/demo/bundle', years)).toEqual([]);
    expect(followUpRequests('#/p/demo/review', '/api/programs/demo/targets', years)).toEqual([]);
    expect(followUpRequests('#/p/demo/apply', '/api/programs/demo/targets', { error: 1 })).toEqual([]);
  });

  it('a page’s first get of the path takes the early answer once; the next get asks again', async () => {
    const urls: string[] = [];
    const answers = [json(200, { n: 1 }), json(200, { n: 2 })];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      return answers.shift() as Response;
    });
    requestEarly('/api/early-a');
    requestEarly('/api/early-a'); // one request, however often asked
    expect(await api.get('/api/early-a')).toEqual({ n: 1 });
    expect(await api.get('/api/early-a')).toEqual({ n: 2 });
    expect(urls).toEqual(['/api/early-a', '/api/early-a']);
  });

  it('a refused early answer (not yet logged in) is asked again by the page', async () => {
    const answers = [json(401, { code: 'UNAUTHENTICATED', message: '请先登录' }), json(200, { ok: true })];
    vi.stubGlobal('fetch', async () => answers.shift() as Response);
    requestEarly('/api/early-b');
    expect(await api.get('/api/early-b')).toEqual({ ok: true });
  });

  it('an early answer not taken within ten seconds is not used', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const answers = [json(200, { n: 'old' }), json(200, { n: 'new' })];
    vi.stubGlobal('fetch', async () => answers.shift() as Response);
    requestEarly('/api/early-c');
    vi.setSystemTime(Date.now() + 11_000);
    expect(await api.get('/api/early-c')).toEqual({ n: 'new' });
  });
});
