/**
 * What is due (办理提醒, issue 10 item 6) for staff of a programme: the open deadlines of the
 * procedure (公示期满 …) with their dates and whether they have passed, the recognised centres
 * whose self-assessment for the year is not in, bans ending soon (第十五条), and major-change
 * reports made later than the notice the measures ask for (第十六条). Each item says in Chinese
 * what it is, names its article where the programme gives one, and the record to open.
 * Titles, articles and wording of the rules come from program.json; nothing here decides a rule.
 */
import { cnDateTime, cnIsoDate, isoDateIn, plusDays } from '@shenbao/core';
import {
  getOrganization,
  listBans,
  listCentreChanges,
  listCentreNames,
  listCentreRevocations,
  listCentres,
  listCentreYears,
  listOpenDeadlines,
} from '@shenbao/store';
import type { FastifyInstance } from 'fastify';
import { nameOn, namesOf, recognisedStates } from '../centres-view';
import { errors, programIdParam, yearSchema } from '../schemas';
import { stateTitle } from '../transition';
import { assertStaffWorkingOn, userOf } from './access';
import { programOf } from './programs';

export type DueKind = 'deadline' | 'self-assessment' | 'ban-ending' | 'late-change';

export interface DueItem {
  kind: DueKind;
  /** An instant (deadlines) or a day (YYYY-MM-DD); null when the item has no date of its own. */
  date: string | null;
  /** The date has passed without the matter being dealt with (or, for a change report, it came late). */
  overdue: boolean;
  text: string;
  article: string | null;
  target: { type: 'application' | 'centre' | 'organization'; id: string };
}

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;

const dueReply = {
  type: 'object',
  properties: {
    programId: str,
    today: str,
    year: { type: 'integer' },
    days: { type: 'integer' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['deadline', 'self-assessment', 'ban-ending', 'late-change'] },
          date: strOrNull,
          overdue: { type: 'boolean' },
          text: str,
          article: strOrNull,
          target: {
            type: 'object',
            properties: {
              type: { type: 'string', enum: ['application', 'centre', 'organization'] },
              id: str,
            },
          },
        },
      },
    },
  },
} as const;

export default async function dueRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { programId: string; year?: number; days?: number } }>(
    '/api/due',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['办理提醒'],
        summary:
          '待办事项：未到期和已逾期的办理期限（如公示期满）、当年度未报送自评的创新中心、即将届满的重新申请限制、逾期告知的重大调整',
        querystring: {
          type: 'object',
          required: ['programId'],
          additionalProperties: false,
          properties: {
            programId: programIdParam.properties.pid,
            year: { ...yearSchema, title: '自评年度' },
            days: { type: 'integer', title: '提前天数', minimum: 1, maximum: 366 },
          },
        },
        response: { 200: dueReply, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { programId } = request.query;
      assertStaffWorkingOn(user, programId);
      const { program } = programOf(app, programId);
      const m = program.manifest;
      const tz = m.timezone;
      const now = app.now();
      const today = isoDateIn(now, tz);
      // A year's self-assessment is handed in the year after it (第十二条): last year's by default.
      const year = request.query.year ?? Number(today.slice(0, 4)) - 1;
      // How far ahead bans ending are shown (and how far back late change reports), unless asked.
      const days = request.query.days ?? m.procedure.reminders.daysAhead;
      const horizon = plusDays(today, days);
      const items: DueItem[] = [];

      for (const d of await listOpenDeadlines(app.db, { programId, limit: 1000 })) {
        const overdue = Date.parse(d.due) <= now.getTime();
        const state = stateTitle(program, d.state);
        const who = d.receiptNo ? `${d.title}（${d.receiptNo}）` : d.title;
        items.push({
          kind: 'deadline',
          date: d.due,
          overdue,
          text: `${state}：${who}${d.note ? `，${d.note}` : ''}，${cnDateTime(d.due, tz)}${overdue ? '已到期' : '到期'}`,
          article: d.article,
          target: { type: 'application', id: d.applicationId },
        });
      }

      const centres = await listCentres(app.db, { programId, states: recognisedStates(program) });
      const ids = centres.map((c) => c.id);
      const [years, names, revocations, changes] = await Promise.all([
        listCentreYears(app.db, ids),
        listCentreNames(app.db, ids),
        listCentreRevocations(app.db, ids),
        listCentreChanges(app.db, ids),
      ]);
      const revoked = new Set(revocations.filter((r) => r.status === 'decided').map((r) => r.applicationId));
      const brandOf = (id: string): string => {
        const c = centres.find((x) => x.id === id);
        if (!c) return id;
        const all = namesOf(
          program,
          c,
          names.filter((n) => n.applicationId === id),
        );
        return nameOn(all, today).brand;
      };
      // A programme without yearly assessment has no self-assessments to chase.
      const assessment = m.assessment;
      if (assessment) {
        const formTitle = m.forms[assessment.form]?.title ?? assessment.form;
        for (const c of centres) {
          if (revoked.has(c.id) || c.year > year) continue;
          const y = years.find((r) => r.applicationId === c.id && r.year === year);
          if (y?.submittedAt || y?.missed || y?.passed != null) continue;
          items.push({
            kind: 'self-assessment',
            date: null,
            overdue: false,
            text: `${brandOf(c.id)}（${c.orgName}）尚未报送${year}年度${formTitle}`,
            article: assessment.article,
            target: { type: 'centre', id: c.id },
          });
        }
      }

      for (const b of await listBans(app.db, { programId })) {
        if (b.kind === 'forever' || b.kind === 'none' || !b.until || b.until < today || b.until > horizon)
          continue;
        const org = await getOrganization(app.db, b.orgId);
        const ground = m.procedure.revocation.grounds.find((g) => g.id === b.ground);
        items.push({
          kind: 'ban-ending',
          date: b.until,
          overdue: false,
          text: `${org?.name ?? b.orgId}的重新申请限制（${m.procedure.revocation.article}${ground?.item ?? ''}${ground?.text ?? b.reason}）至${cnIsoDate(b.until)}届满`,
          article: ground?.ban?.article ?? null,
          target: { type: 'organization', id: b.orgId },
        });
      }

      const rule = m.procedure.majorChange;
      const since = plusDays(today, -days);
      for (const ch of changes) {
        if (!ch.late || revoked.has(ch.applicationId) || ch.plannedDate < since) continue;
        const details = (ch.details ?? {}) as Record<string, unknown>;
        const why = typeof details.lateReason === 'string' ? details.lateReason : '';
        items.push({
          kind: 'late-change',
          date: ch.plannedDate,
          overdue: true,
          text: `${brandOf(ch.applicationId)}于${cnIsoDate(ch.reportedOn)}告知${ch.kind}（计划${cnIsoDate(ch.plannedDate)}办理）${why ? `：${why}` : ''}`,
          article: rule.article,
          target: { type: 'centre', id: ch.applicationId },
        });
      }

      // Overdue first, then by date (undated last), the kinds in the order above.
      const order: DueKind[] = ['deadline', 'self-assessment', 'ban-ending', 'late-change'];
      items.sort(
        (a, b) =>
          Number(b.overdue) - Number(a.overdue) ||
          (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') ||
          order.indexOf(a.kind) - order.indexOf(b.kind),
      );
      return { programId, today, year, days, items };
    },
  );
}
