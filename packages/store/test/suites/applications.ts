/** Applications, receipt numbers, reviewer assignments, attachments. */
import { describe, expect, it } from 'vitest';
import {
  assignReviewer,
  createApplication,
  getApplication,
  getAttachment,
  isAssigned,
  listApplications,
  nextReceiptNo,
  type Organization,
  orgAttachmentBytes,
  recordAttachment,
  saveApplicationData,
  setApplicationState,
} from '../../src/index';
import { ISO, type Suite, unique } from './suite';

export function applicationsSuite({ db, newOrg, newUser }: Suite): void {
  describe('applications', () => {
    const draft = async (
      org: Organization,
      over: Partial<{ year: number; title: string; town: string; programId: string }> = {},
    ) => {
      const r = await createApplication(db, {
        programId: over.programId ?? 'ai-innovation-center',
        form: 'application',
        year: over.year ?? 2026,
        orgId: org.id,
        data: { applicant: { name: org.name }, n: 1 },
        title: over.title ?? `${org.name}申请书`,
        town: over.town ?? '松山湖',
        userId: null,
      });
      if (!r.ok) throw new Error('draft not created');
      return r.value;
    };

    it('one draft per organisation, programme and year: a second names the first', async () => {
      const org = await newOrg();
      const a = await draft(org);
      expect(a).toMatchObject({
        state: 'draft',
        version: 1,
        orgName: org.name,
        orgUscc: org.uscc,
        receiptNo: null,
      });
      expect(a.data).toEqual({ applicant: { name: org.name }, n: 1 });
      expect(a.createdAt).toMatch(ISO);
      const again = await createApplication(db, {
        programId: 'ai-innovation-center',
        form: 'application',
        year: 2026,
        orgId: org.id,
        data: {},
        title: '',
        town: null,
        userId: null,
      });
      expect(again).toEqual({ ok: false, conflict: 'exists', existingId: a.id });
      expect((await draft(org, { year: 2027 })).year).toBe(2027);
      expect(await getApplication(db, a.id)).toEqual(a);
      expect(await getApplication(db, 'no-such-id')).toBeUndefined();
    });

    it('a stale save gets the current record and changes nothing', async () => {
      const org = await newOrg();
      const user = await newUser('applicant', org.id);
      const a = await draft(org);
      const first = await saveApplicationData(db, {
        id: a.id,
        version: 1,
        data: { n: 2 },
        title: '甲',
        town: '南城',
        userId: user.id,
      });
      expect(first).toMatchObject({ ok: true, record: { id: a.id, version: 2 } });
      expect(await getApplication(db, a.id)).toMatchObject({
        version: 2,
        data: { n: 2 },
        title: '甲',
        town: '南城',
      });
      const stale = await saveApplicationData(db, {
        id: a.id,
        version: 1,
        data: { n: 3 },
        title: '乙',
        town: null,
        userId: user.id,
      });
      expect(stale).toMatchObject({ ok: false, current: { version: 2, data: { n: 2 }, title: '甲' } });
      expect((await getApplication(db, a.id))?.data).toEqual({ n: 2 });
      expect(
        await saveApplicationData(db, {
          id: 'nope',
          version: 1,
          data: {},
          title: '',
          town: null,
          userId: null,
        }),
      ).toBeUndefined();
    });

    it('moves the state with the receipt number and submission time, versioned', async () => {
      const org = await newOrg();
      const a = await draft(org);
      const at = '2026-03-19T02:00:00.000Z';
      const submitted = await setApplicationState(db, {
        id: a.id,
        version: 1,
        state: 'submitted',
        receiptNo: unique('R-'),
        submittedAt: at,
        userId: null,
      });
      expect(submitted).toMatchObject({
        ok: true,
        record: { state: 'submitted', version: 2, submittedAt: at },
      });
      const withdrawn = await setApplicationState(db, {
        id: a.id,
        version: 2,
        state: 'withdrawn',
        userId: null,
      });
      // Unset fields are kept.
      expect(withdrawn).toMatchObject({
        ok: true,
        record: { state: 'withdrawn', version: 3, submittedAt: at },
      });
      expect(withdrawn?.ok && withdrawn.record.receiptNo).toMatch(/^R-/);
      const cleared = await setApplicationState(db, {
        id: a.id,
        version: 3,
        state: 'draft',
        receiptNo: null,
        submittedAt: null,
        userId: null,
      });
      expect(cleared).toMatchObject({ ok: true, record: { receiptNo: null, submittedAt: null } });
      const stale = await setApplicationState(db, { id: a.id, version: 1, state: 'submitted', userId: null });
      expect(stale).toMatchObject({ ok: false, current: { state: 'draft', version: 4 } });
    });

    it('text search is literal: %, _ and \\ match themselves, quotes are only text', async () => {
      const program = unique('search-');
      const titles = ['百分之百%达成', '下划线_名称', '反斜杠\\路径', '普通名称', "O'Brien 公司"];
      for (const title of titles) await draft(await newOrg(), { programId: program, title });
      const search = async (q: string) =>
        (await listApplications(db, { programId: program, q })).items.map((i) => i.title).sort();
      expect(await search('%')).toEqual(['百分之百%达成']);
      expect(await search('_')).toEqual(['下划线_名称']);
      expect(await search('\\')).toEqual(['反斜杠\\路径']);
      expect(await search("'")).toEqual(["O'Brien 公司"]);
      expect(await search("o'brien")).toEqual(["O'Brien 公司"]);
      expect(await search("' OR 1=1 --")).toEqual([]);
      expect(await search('名称')).toEqual(['下划线_名称', '普通名称'].sort());
      expect((await listApplications(db, { programId: program })).total).toBe(5);
    });

    it('search also finds the organisation name, USCC and receipt number', async () => {
      const program = unique('find-');
      const org = await newOrg('东莞市独特名字有限公司');
      const a = await draft(org, { programId: program, title: '无关标题' });
      await setApplicationState(db, {
        id: a.id,
        version: 1,
        state: 'submitted',
        receiptNo: `${program}-0007`,
        userId: null,
      });
      for (const q of ['独特名字', org.uscc.toLowerCase(), `${program}-0007`])
        expect((await listApplications(db, { programId: program, q })).items.map((i) => i.id)).toEqual([
          a.id,
        ]);
    });

    it('pages through results, capping the page size at 100', async () => {
      const program = unique('page-');
      const org = await newOrg();
      for (let year = 2001; year <= 2025; year++) await draft(org, { programId: program, year });
      const p1 = await listApplications(db, { programId: program, page: 1, pageSize: 10 });
      const p3 = await listApplications(db, { programId: program, page: 3, pageSize: 10 });
      expect(p1).toMatchObject({ total: 25, page: 1, pageSize: 10 });
      expect(p1.items).toHaveLength(10);
      expect(p3.items).toHaveLength(5);
      expect(p1.items[0]).not.toHaveProperty('data');
      const all = [];
      for (let page = 1; page <= 3; page++)
        all.push(
          ...(await listApplications(db, { programId: program, page, pageSize: 10 })).items.map(
            (i) => i.year,
          ),
        );
      expect(all.sort()).toEqual(Array.from({ length: 25 }, (_, i) => 2001 + i));
      expect((await listApplications(db, { programId: program, pageSize: 1000 })).pageSize).toBe(100);
      expect((await listApplications(db, { programId: program, pageSize: 0, page: -4 })).page).toBe(1);
      expect((await listApplications(db, { programId: program, page: 9, pageSize: 10 })).items).toEqual([]);
    });

    it('filters by state, town, year, organisation, programmes and assigned reviewer', async () => {
      const program = unique('filter-');
      const other = unique('other-');
      const [o1, o2] = [await newOrg(), await newOrg()];
      const a = await draft(o1, { programId: program, town: '南城' });
      const b = await draft(o2, { programId: program, town: '东城', year: 2027 });
      const c = await draft(o2, { programId: other });
      await setApplicationState(db, { id: b.id, version: 1, state: 'submitted', userId: null });
      const ids = async (f: Parameters<typeof listApplications>[1]) =>
        (await listApplications(db, f)).items.map((i) => i.id).sort();
      expect(await ids({ programId: program, state: 'submitted' })).toEqual([b.id]);
      expect(await ids({ programId: program, excludeStates: ['draft'] })).toEqual([b.id]);
      expect(await ids({ programId: program, town: '南城' })).toEqual([a.id]);
      expect(await ids({ programId: program, year: 2027 })).toEqual([b.id]);
      expect(await ids({ orgId: o2.id })).toEqual([b.id, c.id].sort());
      expect(await ids({ orgId: o2.id, programs: [other] })).toEqual([c.id]);
      expect(await ids({ orgId: o2.id, programs: ['*'] })).toEqual([b.id, c.id].sort());
      expect(await ids({ orgId: o2.id, programs: [] })).toEqual([]);
      const reviewer = await newUser('reviewer');
      const staff = await newUser('staff', null, ['*']);
      expect(await assignReviewer(db, a.id, reviewer.id, staff.id)).toBe(true);
      expect(await assignReviewer(db, a.id, reviewer.id, staff.id)).toBe(false);
      expect(await isAssigned(db, a.id, reviewer.id)).toBe(true);
      expect(await isAssigned(db, b.id, reviewer.id)).toBe(false);
      expect(await ids({ reviewerId: reviewer.id })).toEqual([a.id]);
    });

    it('申报编号 are sequential per programme and year, and a rolled-back number is reused', async () => {
      const program = unique('receipt-');
      expect(await nextReceiptNo(db, program, 2026, 'DGAI')).toBe('DGAI-2026-0001');
      expect(await nextReceiptNo(db, program, 2026, 'DGAI')).toBe('DGAI-2026-0002');
      expect(await nextReceiptNo(db, program, 2027, 'DGAI')).toBe('DGAI-2027-0001');
      await expect(
        db.transaction(async (tx) => {
          expect(await nextReceiptNo(tx, program, 2026, 'DGAI')).toBe('DGAI-2026-0003');
          throw new Error('submission failed');
        }),
      ).rejects.toThrow('submission failed');
      expect(await nextReceiptNo(db, program, 2026, 'DGAI')).toBe('DGAI-2026-0003');
    });

    it('parallel submissions get distinct, gap-free numbers', async () => {
      const program = unique('parallel-');
      const numbers = await Promise.all(
        Array.from({ length: 10 }, () => db.transaction((tx) => nextReceiptNo(tx, program, 2026, 'X'))),
      );
      expect(numbers.sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `X-2026-${String(i + 1).padStart(4, '0')}`),
      );
    });
  });

  describe('attachments', () => {
    it('records the same bytes once per organisation and sums the quota', async () => {
      const [o1, o2] = [await newOrg(), await newOrg()];
      const sha = 'a'.repeat(64);
      const first = await recordAttachment(db, {
        orgId: o1.id,
        sha256: sha,
        size: 3_000_000_000,
        mediaType: 'application/pdf',
        name: '营业执照.pdf',
        userId: null,
      });
      expect(first).toMatchObject({ created: true, record: { size: 3_000_000_000, name: '营业执照.pdf' } });
      const again = await recordAttachment(db, {
        orgId: o1.id,
        sha256: sha,
        size: 3_000_000_000,
        mediaType: 'application/pdf',
        name: '另名.pdf',
        userId: null,
      });
      expect(again).toEqual({ created: false, record: first.record });
      await recordAttachment(db, {
        orgId: o1.id,
        sha256: 'b'.repeat(64),
        size: 10,
        mediaType: 'image/png',
        name: 'x.png',
        userId: null,
      });
      expect(await orgAttachmentBytes(db, o1.id)).toBe(3_000_000_010);
      expect(await orgAttachmentBytes(db, o2.id)).toBe(0);
      expect(await getAttachment(db, o1.id, sha)).toEqual(first.record);
      expect(await getAttachment(db, o2.id, sha)).toBeUndefined();
    });
  });
}
