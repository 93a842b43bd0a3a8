/** Messages to applicant organisations: each organisation reads and marks only its own. */
import { describe, expect, it } from 'vitest';
import { addMessage, listMessages, markMessageRead } from '../../src/index';
import { newApplication } from './procedure-support';
import { ISO, type Suite } from './suite';

export function messagesSuite({ db, newOrg }: Suite): void {
  describe('messages', () => {
    it("lists an organisation's messages newest first, with the unread count", async () => {
      const org = await newOrg();
      const app = await newApplication(db, org, { title: '东莞市人工智能创新中心申请书' });
      const first = await addMessage(db, {
        orgId: org.id,
        applicationId: app.id,
        text: '您的申报需要补正，请按以下意见一次性补正后重新提交：请补充审计报告',
      });
      expect(first).toMatchObject({
        orgId: org.id,
        applicationId: app.id,
        applicationTitle: '东莞市人工智能创新中心申请书',
        readAt: null,
      });
      expect(first.at).toMatch(ISO);
      const second = await addMessage(db, { orgId: org.id, text: '系统将于今晚维护' });
      expect(second).toMatchObject({ applicationId: null, applicationTitle: null });
      await addMessage(db, { orgId: (await newOrg()).id, text: '别人的消息' });
      const page = await listMessages(db, org.id);
      expect(page).toMatchObject({ total: 2, unread: 2, page: 1 });
      expect(page.items).toEqual([second, first]);
    });

    it('marks its own message read once; another organisation cannot', async () => {
      const [org, stranger] = [await newOrg(), await newOrg()];
      const m = await addMessage(db, { orgId: org.id, text: '形式审查通过' });
      expect(await markMessageRead(db, m.id, stranger.id)).toBeUndefined();
      expect((await listMessages(db, org.id)).items[0]?.readAt).toBeNull();
      const read = await markMessageRead(db, m.id, org.id);
      expect(read?.readAt).toMatch(ISO);
      // Reading again keeps the first time it was read.
      expect((await markMessageRead(db, m.id, org.id))?.readAt).toBe(read?.readAt);
      expect(await markMessageRead(db, 'abc', org.id)).toBeUndefined();
      expect(await markMessageRead(db, '999999999', org.id)).toBeUndefined();
      expect(await listMessages(db, org.id)).toMatchObject({ total: 1, unread: 0 });
    });

    it('pages, and lists only the unread when asked', async () => {
      const org = await newOrg();
      const sent = [];
      for (let i = 1; i <= 5; i++) sent.push(await addMessage(db, { orgId: org.id, text: `第${i}条` }));
      await markMessageRead(db, sent[4]?.id ?? '', org.id);
      await markMessageRead(db, sent[1]?.id ?? '', org.id);
      const p1 = await listMessages(db, org.id, { page: 1, pageSize: 2 });
      const p3 = await listMessages(db, org.id, { page: 3, pageSize: 2 });
      expect(p1).toMatchObject({ total: 5, unread: 3, pageSize: 2 });
      expect(p1.items.map((m) => m.text)).toEqual(['第5条', '第4条']);
      expect(p3.items.map((m) => m.text)).toEqual(['第1条']);
      const unread = await listMessages(db, org.id, { unreadOnly: true });
      expect(unread).toMatchObject({ total: 3, unread: 3 });
      expect(unread.items.map((m) => m.text)).toEqual(['第4条', '第3条', '第1条']);
      expect((await listMessages(db, org.id, { pageSize: 1000 })).pageSize).toBe(100);
    });
  });
}
