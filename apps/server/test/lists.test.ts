/**
 * The bureau's lists on both backends: the applications list sorted (whitelisted columns, both
 * directions, stable pages) with counts per state; what is due (open deadlines, self-assessments
 * not in, bans ending, late change reports); the Excel exports read back with exceljs (headers
 * from the schemas and the procedure, a frozen header row, dates as dates, a Chinese file name);
 * and who may see them. Records are put into the store directly: the procedure has its own tests.
 */
import {
  addCentreChange,
  addDeadline,
  createApplication,
  createBan,
  createOrganization,
  recordTransition,
  setApplicationState,
} from '@shenbao/store';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Client, PROGRAM, startTestServer, type TestServer } from './support/app';
import { freshUscc } from './support/http';

/** Three towns of the programme's reference data (codes) and their names. */
const TOWNS = { '441900003': '东城街道', '441900004': '南城街道', '441900005': '万江街道' } as const;
type Town = keyof typeof TOWNS;

interface Made {
  id: string;
  title: string;
  receiptNo: string;
  state: string;
  town: Town;
  orgId: string;
}

/** Applications in the bureau's states (procedure order: submitted, consultation, review, publicity, recognised). */
const SPECS: { title: string; state: string; town: Town }[] = [
  { title: '东莞市甲智能科技有限公司', state: 'submitted', town: '441900003' },
  { title: '东莞市乙数据有限公司', state: 'consultation', town: '441900004' },
  { title: '东莞市丙智能装备有限公司', state: 'submitted', town: '441900004' },
  { title: '东莞市丁云计算有限公司', state: 'review', town: '441900005' },
  { title: '东莞市戊智能制造有限公司', state: 'publicity', town: '441900003' },
  { title: '东莞市己软件有限公司', state: 'submitted', town: '441900005' },
  { title: '东莞市庚机器人有限公司', state: 'recognised', town: '441900003' },
  { title: '东莞市辛信息有限公司', state: 'recognised', town: '441900004' },
];

describe.each(BACKENDS)('lists and exports on $name', (backend) => {
  let s: TestServer;
  let staff: Client;
  let made: Made[];
  const prefix = `L${backend.name === 'PGlite' ? 'G' : 'P'}`;

  beforeAll(async () => {
    s = await startTestServer(backend);
    staff = (await s.account('staff', [PROGRAM])).client;
    made = [];
    for (const [i, spec] of SPECS.entries()) {
      const org = await createOrganization(s.db, {
        uscc: freshUscc(),
        name: spec.title,
        contact: '联系人',
        mobile: '13800000000',
      });
      if (!org.ok) throw new Error('organisation not created');
      const created = await createApplication(s.db, {
        programId: PROGRAM,
        form: 'application',
        year: 2026,
        orgId: org.value.id,
        data: { applicant: { name: spec.title, registeredTown: spec.town } },
        title: spec.title,
        town: spec.town,
        userId: null,
      });
      if (!created.ok) throw new Error('application not created');
      const receiptNo = `${prefix}-2026-${String(i + 1).padStart(4, '0')}`;
      const moved = await setApplicationState(s.db, {
        id: created.value.id,
        version: created.value.version,
        state: spec.state,
        receiptNo,
        submittedAt: new Date(Date.UTC(2026, 2, 12, 2, i)).toISOString(),
        userId: null,
      });
      if (!moved?.ok) throw new Error('state not set');
      made.push({ id: created.value.id, ...spec, receiptNo, orgId: org.value.id });
    }
    // A draft: the bureau never sees it, in lists, counts or exports.
    const draftOrg = await createOrganization(s.db, {
      uscc: freshUscc(),
      name: '东莞市草稿智能有限公司',
      contact: '联系人',
      mobile: '13800000000',
    });
    if (!draftOrg.ok) throw new Error('organisation not created');
    await createApplication(s.db, {
      programId: PROGRAM,
      form: 'application',
      year: 2026,
      orgId: draftOrg.value.id,
      data: {},
      title: '东莞市草稿智能有限公司',
      town: '441900003',
      userId: null,
    });
    for (const m of made.filter((x) => x.state === 'recognised'))
      await recordTransition(s.db, {
        applicationId: m.id,
        transition: 'recognise',
        from: 'approval',
        to: 'recognised',
        actorId: null,
        actorRole: 'bureau',
        record: { brand: `${m.title.slice(3, 4)}AI创新中心`, operator: m.title, date: '2026-10-20' },
      });
  }, 180_000);
  afterAll(async () => {
    await s?.close();
  }, 60_000);

  const list = (query: string) => staff.get(`/api/applications?programId=${PROGRAM}&${query}`);
  const byReceipt = (ms: Made[]) => [...ms].sort((a, b) => a.receiptNo.localeCompare(b.receiptNo));

  it('sorts by a whitelisted column in either direction, the id breaking ties, and refuses others', async () => {
    const asc = await list('sort=receipt_no&order=asc&pageSize=100');
    expect(asc.status, asc.text).toBe(200);
    expect(asc.json.items.map((i: { id: string }) => i.id)).toEqual(byReceipt(made).map((m) => m.id));
    const desc = await list('sort=receipt_no&order=desc&pageSize=100');
    expect(desc.json.items.map((i: { id: string }) => i.id)).toEqual(
      byReceipt(made)
        .reverse()
        .map((m) => m.id),
    );
    const submitted = await list('sort=submitted_at&pageSize=100');
    // Times sort newest first unless told otherwise.
    expect(submitted.json.items.map((i: { receiptNo: string }) => i.receiptNo)).toEqual(
      byReceipt(made)
        .reverse()
        .map((m) => m.receiptNo),
    );
    for (const bad of ['sort=org_id', 'sort=title;DROP', 'order=sideways'])
      expect((await list(bad)).status, bad).toBe(400);
  });

  it('sorts states in the procedure’s order, pages stably through equal keys', async () => {
    const states = (await list('sort=state&pageSize=100')).json.items.map((i: { state: string }) => i.state);
    expect(states).toEqual([
      'submitted',
      'submitted',
      'submitted',
      'consultation',
      'review',
      'publicity',
      'recognised',
      'recognised',
    ]);
    const pages = [];
    for (let page = 1; page <= 4; page++)
      pages.push(
        ...(await list(`sort=state&pageSize=2&page=${page}`)).json.items.map((i: { id: string }) => i.id),
      );
    expect(new Set(pages).size).toBe(made.length);
    const byTown = (await list('sort=town&order=desc&pageSize=100')).json.items.map(
      (i: { town: string }) => i.town,
    );
    expect(byTown).toEqual([...byTown].sort().reverse());
  });

  it('counts per state for the filter without its state (the tabs of the list)', async () => {
    const all = await list('pageSize=1');
    expect(all.json.total).toBe(made.length);
    expect(all.json.counts).toEqual({
      submitted: 3,
      consultation: 1,
      review: 1,
      publicity: 1,
      recognised: 2,
    });
    const one = await list('state=submitted&pageSize=100');
    expect(one.json.total).toBe(3);
    expect(one.json.counts).toEqual(all.json.counts);
    const narrowed = await list(`town=441900004&q=${encodeURIComponent('智能')}`);
    expect(narrowed.json.counts).toEqual({ submitted: 1 });
    expect(narrowed.json.items.map((i: { title: string }) => i.title)).toEqual(['东莞市丙智能装备有限公司']);
  });

  it('what is due: 公示 deadlines with their dates (passed or not), self-assessments not in, bans ending, late change reports', async () => {
    s.clock.at = new Date('2027-01-15T10:00:00+08:00');
    const publicity = made.find((m) => m.state === 'publicity') as Made;
    await addDeadline(s.db, {
      applicationId: publicity.id,
      state: 'publicity',
      transition: 'publicity-ends',
      due: '2027-01-20T16:00:00.000Z',
      note: '公示期2027年1月13日至2027年1月20日',
      article: '第九条（四）',
    });
    const review = made.find((m) => m.state === 'review') as Made;
    await addDeadline(s.db, {
      applicationId: review.id,
      state: 'review',
      transition: 'review-ends',
      due: '2027-01-10T16:00:00.000Z',
      note: '',
    });
    const [c1, c2] = made.filter((m) => m.state === 'recognised') as [Made, Made];
    await addCentreChange(s.db, {
      applicationId: c2.id,
      kind: '更名',
      plannedDate: '2027-01-25',
      reportedOn: '2027-01-15',
      late: true,
      daysBefore: 10,
      details: { lateReason: '应于计划办理日期30日前告知（第十六条）' },
      userId: null,
    });
    const banned = made.find((m) => m.state === 'consultation') as Made;
    await createBan(s.db, {
      programId: PROGRAM,
      orgId: banned.orgId,
      ground: 2,
      decidedOn: '2025-03-01',
      until: '2027-02-28',
      kind: 'years',
      reason: '未按规定参加绩效考核',
      userId: null,
    });
    const r = await staff.get(`/api/due?programId=${PROGRAM}`);
    expect(r.status, r.text).toBe(200);
    // The horizon is the programme's (program.json procedure.reminders), unless asked.
    const daysAhead = s.app.programs.get(PROGRAM)?.program.manifest.procedure.reminders.daysAhead;
    expect(daysAhead).toBeGreaterThanOrEqual(44); // the ban below ends 44 days ahead, within it
    expect(r.json).toMatchObject({ today: '2027-01-15', year: 2026, days: daysAhead });
    const items = r.json.items as { kind: string; overdue: boolean; text: string; target: { id: string } }[];
    const of = (kind: string) => items.filter((i) => i.kind === kind);
    expect(of('deadline').map((i) => [i.target.id, i.overdue])).toEqual([
      [review.id, true],
      [publicity.id, false],
    ]);
    expect(of('deadline')[1]?.text).toContain('公示：东莞市戊智能制造有限公司');
    expect(of('deadline')[1]?.text).toContain('2027年1月21日 0:00到期');
    expect(
      of('self-assessment')
        .map((i) => i.target.id)
        .sort(),
    ).toEqual([c1.id, c2.id].sort());
    expect(of('self-assessment')[0]?.text).toContain('尚未报送2026年度创新中心年度绩效自评表');
    expect(of('ban-ending')).toHaveLength(1);
    expect(of('ban-ending')[0]?.text).toBe(
      '东莞市乙数据有限公司的重新申请限制（第十四条（二）未按规定参加绩效考核）至2027年2月28日届满',
    );
    expect(of('late-change')).toHaveLength(1);
    expect(of('late-change')[0]).toMatchObject({ overdue: true, target: { type: 'centre', id: c2.id } });
    // Overdue first.
    expect(items[0]?.overdue).toBe(true);
    // A ban ending beyond the horizon is not due yet.
    const narrow = await staff.get(`/api/due?programId=${PROGRAM}&days=30`);
    expect((narrow.json.items as { kind: string }[]).filter((i) => i.kind === 'ban-ending')).toEqual([]);
    s.clock.at = new Date('2026-03-16T10:00:00+08:00');
  });

  /** A download through the app, as bytes. */
  async function download(client: Client, url: string) {
    const res = await s.app.inject({
      method: 'GET',
      url,
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, text: res.body };
  }

  async function sheetOf(bytes: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no worksheet');
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { ws, rows };
  }

  it('exports the list as Excel: the list’s filters and order, headers from the schemas, state titles, dates as dates', async () => {
    const r = await download(
      staff,
      `/api/exports/applications.xlsx?programId=${PROGRAM}&year=2026&sort=receipt_no`,
    );
    expect(r.status, r.text).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(String(r.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('东莞市人工智能应用创新中心认定申请书（2026年）.xlsx')}`,
    );
    const { ws, rows } = await sheetOf(r.bytes);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rows[0]).toEqual([
      '申报编号',
      '年度',
      '申报单位名称',
      '统一社会信用代码',
      '注册地所在镇街（园区）',
      '办理状态',
      '提交时间',
      '最近更新',
    ]);
    expect(ws.getColumn(3).width).toBeGreaterThan(20);
    const body = rows.slice(1);
    expect(body.map((row) => row[0])).toEqual(byReceipt(made).map((m) => m.receiptNo));
    const first = byReceipt(made)[0] as Made;
    expect(body[0]?.slice(1, 6)).toEqual([
      2026,
      first.title,
      expect.any(String),
      TOWNS[first.town],
      '待形式审查',
    ]);
    // 提交时间 as an Excel date showing Beijing time (10:00 on 2026-03-12 for the first).
    expect(body[0]?.[6]).toBeInstanceOf(Date);
    expect(((body[0] as unknown[])[6] as Date).toISOString()).toBe('2026-03-12T10:00:00.000Z');
    expect(ws.getColumn(7).numFmt).toBe('yyyy-mm-dd hh:mm');

    const filtered = await download(
      staff,
      `/api/exports/applications.xlsx?programId=${PROGRAM}&state=recognised&sort=title&order=desc`,
    );
    const f = await sheetOf(filtered.bytes);
    expect(f.rows.slice(1).map((row) => row[5])).toEqual(['已认定', '已认定']);
    expect(f.rows.slice(1).map((row) => row[2])).toEqual(
      made
        .filter((m) => m.state === 'recognised')
        .map((m) => m.title)
        .sort()
        .reverse(),
    );
  });

  it('exports the recognised centres with a year’s assessment: headers from the recognition form and the indicators', async () => {
    const r = await download(staff, `/api/exports/centres.xlsx?programId=${PROGRAM}&year=2026`);
    expect(r.status, r.text).toBe(200);
    expect(String(r.headers['content-disposition'])).toContain(
      encodeURIComponent('认定信息（2026年度）.xlsx'),
    );
    const { ws, rows } = await sheetOf(r.bytes);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rows[0]?.slice(0, 6)).toEqual([
      '申报编号',
      '创新中心名称（品牌）',
      '运营单位',
      '统一社会信用代码',
      '认定日期',
      '撤销情形',
    ]);
    expect(rows[0]).toContain('运营单位全年软件和信息技术服务业收入（万元）');
    expect(rows[0]?.at(-1)).toBe('2026年度考核结果');
    expect(rows).toHaveLength(3);
    expect(rows[1]?.[4]).toBeInstanceOf(Date);
    expect((rows[1] as unknown[])[4] as Date).toBeInstanceOf(Date);
    expect(((rows[1] as unknown[])[4] as Date).toISOString()).toBe('2026-10-20T00:00:00.000Z');
    expect(rows[1]?.at(-1)).toBe('未报送自评');
  });

  it('only staff of the programme see what is due and export', async () => {
    const other = (await s.account('staff', ['another-programme'])).client;
    const applicant = (await s.applicant()).client;
    const reviewer = (await s.account('reviewer', [PROGRAM])).client;
    const anon = s.client();
    for (const url of [
      `/api/due?programId=${PROGRAM}`,
      `/api/exports/applications.xlsx?programId=${PROGRAM}`,
      `/api/exports/centres.xlsx?programId=${PROGRAM}&year=2026`,
    ]) {
      expect((await anon.get(url)).status, url).toBe(401);
      for (const c of [other, applicant, reviewer]) expect((await c.get(url)).status, url).toBe(403);
    }
    expect((await staff.get('/api/exports/applications.xlsx')).status).toBe(400);
    expect((await staff.get('/api/due?programId=nope')).status).toBe(403);
  });
});
