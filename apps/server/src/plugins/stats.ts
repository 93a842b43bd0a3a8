/**
 * The bureau's dashboard (统计, issue 10 item 6) for staff of a programme and one year: its
 * applications by procedure state and by 镇街, the distribution of their aggregated review
 * scores, and the year's assessment results against the goals. Titles come from program.json
 * (states, indicators, the aggregate rule); scores are aggregated by core's rule, the same the
 * procedure's guards read; assessment figures are the results stored when each centre was
 * assessed (core's `assess`). Nothing here decides anything: it counts.
 */
import { aggregateScores, isoDateIn, type Program } from '@shenbao/core';
import {
  type CentreYearRecord,
  countApplicationsByState,
  countApplicationsByTown,
  listCentreRevocations,
  listCentres,
  listCentreYears,
  listReviewScores,
  type StatsFilter,
} from '@shenbao/store';
import type { FastifyInstance } from 'fastify';
import { recognisedStates } from '../centres-view';
import { errors, programIdParam, yearSchema } from '../schemas';
import { editableStates } from '../states';
import { assertStaffWorkingOn, userOf } from './access';
import { programOf } from './programs';

const int = { type: 'integer' } as const;
const numOrNull = { type: ['number', 'null'] } as const;
const str = { type: 'string' } as const;

const statsReply = {
  type: 'object',
  properties: {
    programId: str,
    year: int,
    total: { ...int, title: '申报总数' },
    states: {
      type: 'array',
      title: '按办理状态',
      items: { type: 'object', properties: { id: str, title: str, count: int } },
    },
    towns: {
      type: 'array',
      title: '按镇街',
      items: { type: 'object', properties: { town: { type: ['string', 'null'] }, count: int } },
    },
    scores: {
      type: 'object',
      title: '评审得分分布',
      properties: {
        aggregate: { type: ['string', 'null'], title: '汇总规则' },
        minReviewers: { type: ['integer', 'null'], title: '最少评审专家人数' },
        width: { ...int, title: '分段宽度' },
        scored: { ...int, title: '已得出汇总得分的申报数' },
        pending: { ...int, title: '已有评分但尚不足以汇总的申报数' },
        mean: { ...numOrNull, title: '平均分' },
        buckets: {
          type: 'array',
          items: {
            type: 'object',
            properties: { from: { type: 'number' }, to: { type: 'number' }, count: int },
          },
        },
      },
    },
    assessment: {
      type: 'object',
      title: '年度考核结果',
      properties: {
        centres: { ...int, title: '应考核的创新中心数' },
        assessed: { ...int, title: '已考核' },
        passed: { ...int, title: '达标' },
        failed: { ...int, title: '未达标' },
        missed: { ...int, title: '未参加考核' },
        indicators: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: str,
              title: str,
              unit: str,
              kind: str,
              assessed: { ...int, title: '已考核中心数' },
              met: { ...int, title: '达到目标的中心数' },
              goal: { ...numOrNull, title: '目标值合计' },
              actual: { ...numOrNull, title: '实际完成值合计' },
            },
          },
        },
      },
    },
  },
} as const;

export interface ScoreBucket {
  from: number;
  to: number;
  count: number;
}

/**
 * Scores counted in buckets [from, to) of `width`, from the bucket holding the lowest score to the
 * one holding the highest, empty buckets between included.
 */
export function bucketScores(scores: readonly number[], width: number): ScoreBucket[] {
  if (scores.length === 0) return [];
  const lo = Math.floor(Math.min(...scores) / width) * width;
  const n = Math.floor((Math.max(...scores) - lo) / width) + 1;
  const buckets = Array.from({ length: n }, (_, i) => ({
    from: lo + i * width,
    to: lo + (i + 1) * width,
    count: 0,
  }));
  for (const s of scores) {
    const i = Math.floor((s - lo) / width);
    (buckets[i] as ScoreBucket).count++;
  }
  return buckets;
}

interface StoredIndicator {
  id?: unknown;
  bar?: unknown;
  actual?: unknown;
  met?: unknown;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The year's assessment figures from the centres' stored results (one per centre and year). */
function assessmentFigures(program: Program, centreIds: Set<string>, years: readonly CentreYearRecord[]) {
  const spec = program.manifest.assessment;
  const judged = years.filter((y) => centreIds.has(y.applicationId) && y.passed !== null);
  // A programme without yearly assessments (program.json has no `assessment`) has no indicators.
  const indicators = (spec?.indicators ?? []).map((ind) => {
    let assessed = 0;
    let met = 0;
    let goal = 0;
    let actual = 0;
    for (const y of judged) {
      const list = (y.assessment as { indicators?: StoredIndicator[] } | null)?.indicators ?? [];
      const r = list.find((x) => x.id === ind.id);
      if (!r) continue;
      assessed++;
      if (r.met === true) met++;
      if (finite(r.bar)) goal += r.bar;
      if (finite(r.actual)) actual += r.actual;
    }
    const numeric = ind.kind === 'atLeast';
    return {
      id: ind.id,
      title: ind.title,
      unit: ind.unit,
      kind: ind.kind,
      assessed,
      met,
      goal: numeric ? goal : null,
      actual: numeric ? actual : null,
    };
  });
  return {
    centres: centreIds.size,
    assessed: judged.length,
    passed: judged.filter((y) => y.passed === true).length,
    failed: judged.filter((y) => y.passed === false).length,
    missed: years.filter((y) => centreIds.has(y.applicationId) && y.missed).length,
    indicators,
  };
}

export default async function statsRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { programId: string; year?: number; width?: number } }>(
    '/api/stats',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['统计'],
        summary:
          '统计：某年度申报按办理状态、按镇街的件数，评审汇总得分分布，以及创新中心年度考核结果与目标对比',
        querystring: {
          type: 'object',
          required: ['programId'],
          additionalProperties: false,
          properties: {
            programId: programIdParam.properties.pid,
            year: { ...yearSchema, title: '年度' },
            width: { type: 'integer', title: '得分分段宽度', minimum: 1, maximum: 100 },
          },
        },
        response: { 200: statsReply, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { programId } = request.query;
      assertStaffWorkingOn(user, programId);
      const { program } = programOf(app, programId);
      const m = program.manifest;
      const year = request.query.year ?? Number(isoDateIn(app.now(), m.timezone).slice(0, 4));
      const width = request.query.width ?? 10;
      // The bureau's side never sees the applicant's workspace (as in its lists).
      const filter: StatsFilter = { programId, year, excludeStates: [...editableStates(program)] };

      // One after another: on PGlite the store runs one statement at a time anyway.
      const byState = await countApplicationsByState(app.db, {
        ...filter,
        excludeStates: filter.excludeStates,
      });
      const towns = await countApplicationsByTown(app.db, filter);
      const reviewed = await listReviewScores(app.db, filter);
      const centres = await listCentres(app.db, { programId, states: recognisedStates(program) });
      const ids = centres.map((c) => c.id);
      const years = await listCentreYears(app.db, ids);
      const revocations = await listCentreRevocations(app.db, ids);

      const states = m.procedure.states
        .filter((s) => s.editable !== true)
        .map((s) => ({ id: s.id, title: s.title, count: byState[s.id] ?? 0 }));
      // States no longer in the procedure still count, under their ids.
      for (const [id, count] of Object.entries(byState))
        if (!states.some((s) => s.id === id)) states.push({ id, title: id, count });

      const review = m.procedure.review;
      const aggregated: number[] = [];
      for (const r of reviewed) {
        const score = review ? aggregateScores(review.aggregate, r.scores) : undefined;
        if (score !== undefined) aggregated.push(score);
      }

      // The centres the year concerns: recognised in it or before, and not revoked before it.
      const revokedBefore = new Set(
        revocations
          .filter((r) => r.status === 'decided' && r.decidedOn && Number(r.decidedOn.slice(0, 4)) < year)
          .map((r) => r.applicationId),
      );
      const concerned = new Set(
        centres.filter((c) => c.year <= year && !revokedBefore.has(c.id)).map((c) => c.id),
      );

      return {
        programId,
        year,
        total: states.reduce((a, s) => a + s.count, 0),
        states,
        towns,
        scores: {
          aggregate: review?.aggregate ?? null,
          minReviewers: review?.minReviewers ?? null,
          width,
          scored: aggregated.length,
          pending: reviewed.length - aggregated.length,
          mean: aggregated.length ? aggregated.reduce((a, b) => a + b, 0) / aggregated.length : null,
          buckets: bucketScores(aggregated, width),
        },
        assessment: assessmentFigures(
          program,
          concerned,
          years.filter((y) => y.year === year),
        ),
      };
    },
  );
}
