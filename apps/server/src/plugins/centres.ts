/**
 * Recognised centres year by year (第十条 to 第十八条 for the Dongguan programme): the yearly
 * goals (第十一条), the self-assessment and the assessment (第十二条) with what a result calls for
 * (第十三条 notice, 第十四条 revocation proposed), missed assessments, revocations with their ban
 * (第十五条), major-change reports and renames (第十六条), and the measures' validity (第十八条).
 * Every rule is core's (assess, goalProblems, centreConsequence, banFor, majorChangeNotice,
 * actValidity) over program.json; this plugin reads the store, asks core and writes the result
 * with its audit entry in one transaction. The application's state is never changed here.
 */
import {
  actValidity,
  assess,
  banFor,
  type ConsequenceResult,
  centreConsequence,
  centreNoticeDocument,
  findGround,
  goalProblems,
  isoDateIn,
  majorChangeNotice,
  NO_ASSESSMENT,
  type Program,
} from '@shenbao/core';
import {
  addCentreChange,
  addCentreName,
  type CentreSummary,
  createBan,
  decideRevocation,
  diff,
  getApplication,
  getCentre,
  getCentreYear,
  getTargets,
  listCentreNames,
  listCentreRevocations,
  listCentres,
  listCentreYears,
  markMissedAssessments,
  proposeRevocation,
  type Queryable,
  recordAssessment,
  setCentreGoals,
  setYearConsequence,
  submitSelfAssessment,
  type User,
} from '@shenbao/store';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import { audit } from '../audit';
import { centreYearSource, documentData } from '../centre-documents';
import {
  type CentreRows,
  centreReply,
  centreView,
  changeReply,
  loadCentreRows,
  nameOn,
  namesOf,
  recognisedStates,
  revocationReply,
  toYearView,
  yearReply,
} from '../centres-view';
import { type DocumentFormat, MEDIA_TYPES, pdfUnavailable } from '../documents/renderer';
import { badRequest, forbidden, HttpError, notFound } from '../http-error';
import type { LoadedProgram } from '../program-registry';
import { errors, idParam, programIdParam, yearSchema } from '../schemas';
import { assertStaffWorkingOn, userOf } from './access';
import { programOf } from './programs';

const centreNotFound = (): HttpError => notFound('创新中心不存在');
const conflict = (code: string, message: string, extra: Record<string, unknown> = {}): HttpError =>
  new HttpError(409, code, message, extra);

const TAGS = ['创新中心'];
const yearParams = {
  type: 'object',
  required: ['id', 'year'],
  properties: { ...idParam.properties, year: yearSchema },
} as const;
const dateField = (title: string) => ({ type: 'string', title, format: 'date' }) as const;

/** Throws unless `user` is staff of the programme (403). */
function assertStaff(user: User, programId: string): void {
  assertStaffWorkingOn(user, programId);
}

/** The title of the programme's bureau (the procedure role staff hold), for refusals. */
function bureauTitle(program: Program): string {
  return program.manifest.procedure.roles.find((r) => r.account === 'staff')?.title ?? '主管部门';
}

interface Loaded {
  lp: LoadedProgram;
  centre: CentreSummary;
  today: string;
}

/** Warnings of an act (第十八条: dated outside the measures' validity, when it only warns). */
const warningsSchema = { type: 'array', items: { type: 'string' } } as const;

export default async function centreRoutes(app: FastifyInstance): Promise<void> {
  const todayIn = (program: Program) => isoDateIn(app.now(), program.manifest.timezone);

  /** The centre `id` as `user` may reach it: 404 for none (or another organisation's), 403 for staff of other programmes. */
  async function loadCentre(user: User, id: string): Promise<Loaded> {
    const record = await getApplication(app.db, id);
    if (!record) throw centreNotFound();
    if (user.role === 'applicant' && record.orgId !== user.orgId) throw centreNotFound();
    if (user.role === 'staff') assertStaff(user, record.programId);
    else if (user.role !== 'applicant') throw forbidden('只有申报单位和项目工作人员可以查看创新中心');
    const lp = app.programs.get(record.programId);
    const centre = lp ? await getCentre(app.db, id, recognisedStates(lp.program)) : undefined;
    if (!lp || !centre) throw centreNotFound();
    return { lp, centre, today: todayIn(lp.program) };
  }

  const rowsOf = loadCentreRows;

  /**
   * A centre's year about to be acted on: the centre as `user` may see it, a year it has, the act
   * dated inside the measures' validity (or its warning), and the centre not revoked.
   */
  async function openYear(user: User, id: string, year: number) {
    const l = await loadCentre(user, id);
    assertYear(l.centre, year);
    const warnings = withinValidity(l.lp.program, l.today);
    await assertNotRevoked(app.db, l.centre.id);
    return { l, program: l.lp.program, warnings };
  }

  /** The reply schema of an act on a year: the year and any warnings. */
  const yearWithWarnings = {
    ...yearReply,
    properties: { ...yearReply.properties, warnings: warningsSchema },
  };

  async function detail(l: Loaded, warnings: string[] = []) {
    const rows = (await rowsOf(app.db, [l.centre.id])).get(l.centre.id) as CentreRows;
    return { ...centreView(l.lp.program, l.centre, rows, l.today, { detail: true }), warnings };
  }

  /** 第十八条: refuses an act dated outside the measures' validity, or returns the warning to give. */
  function withinValidity(program: Program, date: string): string[] {
    const v = actValidity(program.manifest, date);
    if (!v.allowed) throw conflict('OUTSIDE_VALIDITY', v.reason ?? '不在本办法有效期内');
    return v.reason ? [v.reason] : [];
  }

  /** The programme's yearly assessment; a programme without one answers 404 on every assessment route. */
  function assessmentOf(program: Program): NonNullable<Program['manifest']['assessment']> {
    const spec = program.manifest.assessment;
    if (!spec) throw new HttpError(404, 'NO_ASSESSMENT', NO_ASSESSMENT);
    return spec;
  }

  async function assertNotRevoked(q: Queryable, id: string): Promise<void> {
    const revs = await listCentreRevocations(q, [id]);
    if (revs.some((r) => r.status === 'decided'))
      throw conflict('REVOKED', '该创新中心已被撤销，不能再办理此事项');
  }

  function assertYear(centre: CentreSummary, year: number): void {
    if (year < centre.year)
      throw badRequest(`${year}年度早于该创新中心的认定年度（${centre.year}年）`, { path: '/year' });
  }

  async function publishedTargets(programId: string, year: number): Promise<unknown> {
    const t = await getTargets(app.db, programId, year);
    if (!t || t.published === null)
      throw conflict('TARGETS_UNPUBLISHED', `${year}年度绩效目标要求（年度认定要求）尚未发布`);
    return t.published;
  }

  /**
   * What a consequence is stored as on the year: a notice names the document that lists such
   * centres (program.json: the notice whose `entries.select` is `notice`), to be drafted.
   */
  function consequenceRecord(program: Program, c: ConsequenceResult) {
    const document = c.action === 'notice' ? centreNoticeDocument(program, 'notice')?.id : undefined;
    return {
      action: c.action,
      ground: c.ground?.id ?? null,
      groundText: c.ground?.text ?? null,
      article: c.article ?? null,
      reason: c.reason,
      document: document ?? null,
    };
  }

  /** Reads the centre's years back and records what they call for; a revocation is proposed, never decided. */
  async function applyConsequence(tx: Queryable, program: Program, id: string, year: number) {
    const years = await listCentreYears(tx, [id]);
    const c = centreConsequence(program.manifest, years, year);
    const record = consequenceRecord(program, c);
    await setYearConsequence(tx, id, year, record);
    const proposal =
      c.action === 'revoke' && c.ground
        ? await proposeRevocation(tx, {
            applicationId: id,
            ground: c.ground.id,
            reason: c.reason,
            year,
            userId: null,
          })
        : undefined;
    return { consequence: record, proposal };
  }

  app.get<{ Querystring: { programId: string; year?: number } }>(
    '/api/centres',
    {
      config: { roles: ['applicant', 'staff'] },
      schema: {
        tags: TAGS,
        summary: '已认定的创新中心及其各年度绩效考核结果（申报单位只见本单位的）',
        querystring: {
          type: 'object',
          required: ['programId'],
          additionalProperties: false,
          properties: { programId: programIdParam.properties.pid, year: yearSchema },
        },
        response: { 200: { type: 'array', items: centreReply }, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { programId, year } = request.query;
      if (user.role === 'staff') assertStaff(user, programId);
      const { program } = programOf(app, programId);
      const centres = await listCentres(app.db, {
        programId,
        states: recognisedStates(program),
        ...(user.role === 'applicant' ? { orgId: user.orgId ?? '' } : {}),
      });
      const rows = await rowsOf(
        app.db,
        centres.map((c) => c.id),
      );
      const today = todayIn(program);
      return centres.map((c) =>
        centreView(program, c, rows.get(c.id) as CentreRows, today, { detail: false, year }),
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/centres/:id',
    {
      config: { roles: ['applicant', 'staff'] },
      schema: {
        tags: TAGS,
        summary: '一个创新中心：名称沿革、各年度目标与考核、重大调整告知、撤销情况',
        params: idParam,
        response: { 200: centreReply, ...errors(401, 403, 404) },
      },
    },
    async (request) => detail(await loadCentre(userOf(request), request.params.id)),
  );

  app.put<{ Params: { id: string; year: number }; Body: { goals: Record<string, unknown> } }>(
    '/api/centres/:id/years/:year/goals',
    {
      config: { roles: ['applicant', 'staff'] },
      schema: {
        tags: TAGS,
        summary: '年度绩效目标：创新中心承诺，不低于当年最低要求；工作人员可调高',
        params: yearParams,
        body: {
          type: 'object',
          title: '年度绩效目标',
          required: ['goals'],
          additionalProperties: false,
          properties: {
            goals: {
              type: 'object',
              title: '各项指标的目标值',
              maxProperties: 100,
              additionalProperties: {
                anyOf: [
                  { type: 'number', minimum: 0, maximum: 1e12 },
                  { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 100 } },
                ],
              },
            },
          },
        },
        response: {
          200: yearWithWarnings,
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { year } = request.params;
      const { l, program, warnings } = await openYear(user, request.params.id, year);
      const spec = assessmentOf(program);
      const targets = await publishedTargets(l.centre.programId, year);
      const { goals } = request.body;
      const problems = goalProblems(program, goals, targets);
      if (problems.length > 0)
        throw badRequest((problems[0] as { message: string }).message, {
          code: 'GOALS',
          errors: problems.map((p) => ({ path: `/goals${p.path}`, message: p.message })),
          problems: problems.map((p) => ({
            indicator: p.indicator,
            title: p.title,
            minimum: p.minimum,
            given: p.given,
          })),
        });
      const before = await getCentreYear(app.db, l.centre.id, year);
      const role = user.role === 'staff' ? 'staff' : 'applicant';
      if (role === 'applicant' && before?.goalsSetRole === 'staff')
        throw conflict('GOALS_SET', `${year}年度绩效目标已由${bureauTitle(program)}确定，不能再修改`);
      // Staff may raise the centre's own commitment, never lower it.
      if (role === 'staff' && before?.goalsSetRole === 'applicant') {
        const own = (before.goals ?? {}) as Record<string, unknown>;
        for (const ind of spec.indicators) {
          const mine = own[ind.id];
          const set = goals[ind.id];
          if (typeof mine === 'number' && typeof set === 'number' && set < mine)
            throw badRequest(`「${ind.title}」的绩效目标只能在创新中心承诺的${mine}${ind.unit}基础上调高`, {
              path: `/goals/${ind.id}`,
            });
        }
      }
      const saved = await app.db.transaction(async (tx) => {
        const y = await setCentreGoals(tx, {
          applicationId: l.centre.id,
          year,
          goals,
          userId: user.id,
          role,
        });
        if (!y) throw conflict('YEAR_CLOSED', `${year}年度已考核，绩效目标不能再修改`);
        await audit(tx, request, {
          entity: 'centre',
          entityId: l.centre.id,
          action: 'goals',
          patch: diff(
            { years: { [year]: { goals: before?.goals ?? null } } },
            { years: { [year]: { goals } } },
          ),
        });
        return y;
      });
      return { ...toYearView(saved), warnings };
    },
  );

  app.put<{ Params: { id: string; year: number }; Body: { data: unknown } }>(
    '/api/centres/:id/years/:year/self-assessment',
    {
      config: { roles: ['applicant'] },
      schema: {
        tags: TAGS,
        summary: '报送年度绩效自评，按项目的自评表校验；考核前可重新报送',
        params: yearParams,
        body: {
          type: 'object',
          title: '绩效自评',
          required: ['data'],
          additionalProperties: false,
          properties: { data: { title: '自评表', type: 'object' } },
        },
        response: {
          200: yearWithWarnings,
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { year } = request.params;
      const { l, program, warnings } = await openYear(user, request.params.id, year);
      const { form } = assessmentOf(program);
      const targets = (await getTargets(app.db, l.centre.programId, year))?.published ?? undefined;
      const checked = program.validate(
        targets === undefined ? { form } : { form, targets },
        request.body.data,
      );
      if (!checked.valid)
        throw new HttpError(400, 'INVALID', checked.errors[0]?.message ?? '自评表填写不正确', {
          errors: checked.errors.map((e) => ({ path: e.path, message: e.message })),
        });
      const saved = await app.db.transaction(async (tx) => {
        const y = await submitSelfAssessment(tx, {
          applicationId: l.centre.id,
          year,
          data: request.body.data,
          userId: user.id,
        });
        if (!y) throw conflict('YEAR_CLOSED', `${year}年度已考核或已认定为未参加考核，不能再报送自评`);
        await audit(tx, request, {
          entity: 'centre',
          entityId: l.centre.id,
          action: 'self-assessment',
          patch: [{ op: 'add', path: `/years/${year}/selfAssessment`, value: request.body.data }],
        });
        return y;
      });
      return { ...toYearView(saved), warnings };
    },
  );

  app.post<{ Params: { id: string; year: number }; Body: { comment?: string } }>(
    '/api/centres/:id/years/:year/assessment',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: TAGS,
        summary: '年度绩效考核：逐项对照绩效目标判定达标与否，并按项目办法给出后果（通告、拟撤销）',
        params: yearParams,
        body: {
          type: 'object',
          title: '绩效考核',
          additionalProperties: false,
          properties: { comment: { type: 'string', title: '考核意见', maxLength: 5000 } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              year: yearReply,
              revocation: revocationReply,
              warnings: warningsSchema,
            },
          },
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { year } = request.params;
      const { l, program, warnings } = await openYear(user, request.params.id, year);
      assessmentOf(program);
      const y = await getCentreYear(app.db, l.centre.id, year);
      if (!y?.submittedAt) throw conflict('NO_SELF_ASSESSMENT', `${year}年度绩效自评材料尚未报送，不能考核`);
      const targets = await publishedTargets(l.centre.programId, year);
      const result = assess(program, y.selfAssessment, y.goals ?? {}, targets);
      const assessment = { ...result, ...(request.body.comment ? { comment: request.body.comment } : {}) };
      return app.db.transaction(async (tx) => {
        const judged = await recordAssessment(tx, {
          applicationId: l.centre.id,
          year,
          assessment,
          passed: result.passed,
          consequence: null,
          userId: user.id,
        });
        if (!judged) throw conflict('YEAR_CLOSED', `${year}年度已考核`);
        const { proposal } = await applyConsequence(tx, program, l.centre.id, year);
        await audit(tx, request, {
          entity: 'centre',
          entityId: l.centre.id,
          action: 'assessment',
          patch: [{ op: 'add', path: `/years/${year}/assessment`, value: assessment }],
        });
        const after = (await getCentreYear(tx, l.centre.id, year)) ?? judged;
        const rows = await listCentreRevocations(tx, [l.centre.id]);
        const open = proposal ?? rows.find((r) => r.status === 'proposed');
        const view = centreView(
          program,
          l.centre,
          { years: [], names: [], changes: [], revocations: open ? [open] : [] },
          l.today,
          {
            detail: false,
          },
        );
        return { year: toYearView(after), revocation: view.revocation, warnings };
      });
    },
  );

  app.get<{ Params: { id: string; year: number; docId: string }; Querystring: { format?: DocumentFormat } }>(
    '/api/centres/:id/years/:year/documents/:docId',
    {
      config: { roles: ['applicant', 'staff'] },
      schema: {
        tags: TAGS,
        summary: '生成创新中心某年度的文书（如绩效自评报告，Word 或 PDF），数据取自报送的自评表',
        params: {
          type: 'object',
          required: ['id', 'year', 'docId'],
          properties: {
            ...yearParams.properties,
            docId: { type: 'string', title: '文书', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' },
          },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { format: { type: 'string', title: '格式', enum: ['docx', 'pdf'] } },
        },
        response: {
          200: { type: 'string', format: 'binary', description: '文书文件' },
          ...errors(400, 401, 403, 404, 409, 503),
        },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const { year, docId } = request.params;
      const format: DocumentFormat = request.query.format ?? 'docx';
      const l = await loadCentre(user, request.params.id);
      assertYear(l.centre, year);
      const { program } = l.lp;
      const entry = program.manifest.documents?.find(
        (d) => d.id === docId && d.source?.from === 'centre-year',
      );
      if (!entry?.source) throw notFound(`创新中心年度文书“${docId}”不存在`);
      const y = await getCentreYear(app.db, l.centre.id, year);
      if (!y?.submittedAt)
        throw conflict('NO_SELF_ASSESSMENT', `${year}年度绩效自评尚未报送，不能生成“${entry.title}”`);
      const [application, renames, targets] = await Promise.all([
        getApplication(app.db, l.centre.id),
        listCentreNames(app.db, [l.centre.id]),
        getTargets(app.db, l.centre.programId, year),
      ]);
      const name = nameOn(namesOf(program, l.centre, renames), l.today);
      const source = centreYearSource(program, {
        centre: {
          brand: name.brand,
          operator: name.operator,
          creditCode: l.centre.orgUscc,
          recognitionYear: l.centre.year,
        },
        year,
        application: application?.data,
        selfAssessment: y.selfAssessment,
        goals: y.goals,
        targets: targets?.published ?? undefined,
        today: l.today,
      });
      const data = documentData(entry.source, source);
      // A report missing what its schema requires prints ____ there and says 草稿, as drafts do.
      const valid = program.validate({ file: entry.dataSchema }, data).valid;
      if (format === 'pdf' && !app.renderer.pdfAvailable()) throw pdfUnavailable();
      const rendered = await app.renderer.pools.render(l.lp, {
        docId,
        input: { data },
        placeholder: valid ? '' : '____',
        skipValidation: true,
      });
      if (!rendered.ok || !rendered.bytes)
        throw new Error(
          `rendering ${program.id}/${docId} for centre ${l.centre.id} ${year} failed: ${rendered.ok ? 'no bytes' : rendered.message}`,
        );
      const bytes = format === 'pdf' ? await app.renderer.toPdf(l.lp, rendered.bytes) : rendered.bytes;
      return reply
        .type(MEDIA_TYPES[format])
        .header(
          'content-disposition',
          contentDisposition(`${entry.title}（${year}年度）${valid ? '' : '（草稿）'}.${format}`),
        )
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );

  app.post<{ Body: { programId: string; year: number } }>(
    '/api/centres/missed-assessments',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: TAGS,
        summary: '认定未按规定参加绩效考核（未报送自评）的创新中心，并按项目办法的撤销情形提出撤销',
        body: {
          type: 'object',
          title: '未参加考核',
          required: ['programId', 'year'],
          additionalProperties: false,
          properties: { programId: programIdParam.properties.pid, year: yearSchema },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              marked: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    brand: { type: 'string' },
                    year: yearReply,
                    revocation: revocationReply,
                  },
                },
              },
              warnings: warningsSchema,
            },
          },
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const user = userOf(request);
      const { programId, year } = request.body;
      assertStaff(user, programId);
      const { program } = programOf(app, programId);
      assessmentOf(program);
      const today = todayIn(program);
      const warnings = withinValidity(program, today);
      const states = recognisedStates(program);
      const marked = await app.db.transaction(async (tx) => {
        const years = await markMissedAssessments(tx, { programId, year, states, userId: user.id });
        const out = [];
        for (const y of years) {
          const { proposal } = await applyConsequence(tx, program, y.applicationId, year);
          await audit(tx, request, {
            entity: 'centre',
            entityId: y.applicationId,
            action: 'missed',
            patch: [{ op: 'add', path: `/years/${year}/missed`, value: true }],
          });
          const centre = (await getCentre(tx, y.applicationId, states)) as CentreSummary;
          const names = namesOf(program, centre, await listCentreNames(tx, [centre.id]));
          const after = (await getCentreYear(tx, y.applicationId, year)) ?? y;
          const view = centreView(
            program,
            centre,
            { years: [], names: [], changes: [], revocations: proposal ? [proposal] : [] },
            today,
            {
              detail: false,
            },
          );
          out.push({
            id: centre.id,
            brand: nameOn(names, today).brand,
            year: toYearView(after),
            revocation: view.revocation,
          });
        }
        return out;
      });
      return { marked, warnings };
    },
  );

  app.post<{ Params: { id: string }; Body: { ground: number; reason: string; decidedOn?: string } }>(
    '/api/centres/:id/revoke',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: TAGS,
        summary: '撤销创新中心称号，按撤销情形登记重新申请限制',
        params: idParam,
        body: {
          type: 'object',
          title: '撤销',
          required: ['ground', 'reason'],
          additionalProperties: false,
          properties: {
            ground: { type: 'integer', title: '撤销情形', minimum: 1, maximum: 100 },
            reason: { type: 'string', title: '撤销理由', minLength: 1, maxLength: 2000 },
            decidedOn: dateField('撤销决定日期'),
          },
        },
        response: { 200: centreReply, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const user = userOf(request);
      const l = await loadCentre(user, request.params.id);
      const { program } = l.lp;
      const { ground: groundId, reason } = request.body;
      const decidedOn = request.body.decidedOn ?? l.today;
      const warnings = withinValidity(program, decidedOn);
      const ground = findGround(program.manifest, groundId);
      const ban = banFor(program.manifest, groundId, decidedOn);
      if (!ground || !ban)
        throw badRequest(
          `撤销情形“${groundId}”不存在（见${program.manifest.procedure.revocation.article}）`,
          {
            path: '/ground',
          },
        );
      await app.db.transaction(async (tx) => {
        const created =
          ban.kind === 'none'
            ? undefined
            : await createBan(tx, {
                programId: l.centre.programId,
                orgId: l.centre.orgId,
                ground: groundId,
                decidedOn,
                until: ban.until ?? null,
                kind: ban.kind,
                reason: ground.text,
                userId: user.id,
              });
        const decided = await decideRevocation(tx, {
          applicationId: l.centre.id,
          ground: groundId,
          reason,
          decidedOn,
          banId: created?.id ?? null,
          userId: user.id,
        });
        if (!decided) throw conflict('REVOKED', '该创新中心已被撤销');
        if (created)
          await audit(tx, request, {
            entity: 'ban',
            entityId: created.id,
            action: 'create',
            patch: [{ op: 'add', path: '', value: created }],
          });
        await audit(tx, request, {
          entity: 'centre',
          entityId: l.centre.id,
          action: 'revoke',
          patch: [{ op: 'add', path: '/revocation', value: decided }],
        });
      });
      return detail(l, warnings);
    },
  );

  app.post<{
    Params: { id: string };
    Body: {
      kind: string;
      plannedDate: string;
      newBrand?: string;
      newOperator?: string;
      description?: string;
    };
  }>(
    '/api/centres/:id/changes',
    {
      config: { roles: ['applicant'] },
      schema: {
        tags: TAGS,
        summary:
          '告知重大调整（更名、重组、转让等，按项目办法规定的提前天数判断是否逾期）；更名自计划日期起生效',
        params: idParam,
        body: {
          type: 'object',
          title: '重大调整',
          required: ['kind', 'plannedDate'],
          additionalProperties: false,
          properties: {
            kind: { type: 'string', title: '调整类型', minLength: 1, maxLength: 50 },
            plannedDate: dateField('计划办理日期'),
            newBrand: { type: 'string', title: '新的创新中心名称（品牌）', minLength: 1, maxLength: 100 },
            newOperator: { type: 'string', title: '新的运营单位名称', minLength: 1, maxLength: 100 },
            description: { type: 'string', title: '情况说明', maxLength: 5000 },
          },
        },
        response: {
          201: {
            type: 'object',
            properties: {
              change: changeReply,
              late: { type: 'boolean' },
              deadline: { type: 'string' },
              reason: { type: ['string', 'null'] },
              centre: centreReply,
            },
          },
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const l = await loadCentre(user, request.params.id);
      const { program } = l.lp;
      const rule = program.manifest.procedure.majorChange;
      const { kind, plannedDate, newBrand, newOperator, description } = request.body;
      if (!rule.kinds.includes(kind))
        throw badRequest(`调整类型须为${rule.kinds.join('、')}之一（${rule.article}）`, { path: '/kind' });
      const warnings = withinValidity(program, l.today);
      await assertNotRevoked(app.db, l.centre.id);
      const notice = majorChangeNotice(rule, plannedDate, l.today);
      const change = await app.db.transaction(async (tx) => {
        const c = await addCentreChange(tx, {
          applicationId: l.centre.id,
          kind,
          plannedDate,
          reportedOn: l.today,
          late: !notice.timely,
          daysBefore: notice.daysBefore,
          details: {
            ...(newBrand ? { newBrand } : {}),
            ...(newOperator ? { newOperator } : {}),
            ...(description ? { description } : {}),
            deadline: notice.deadline,
            ...(notice.reason ? { lateReason: notice.reason } : {}),
          },
          userId: user.id,
        });
        if (newBrand || newOperator) {
          const names = namesOf(program, l.centre, await listCentreNames(tx, [l.centre.id]));
          const then = nameOn(names, plannedDate);
          await addCentreName(tx, {
            applicationId: l.centre.id,
            brand: newBrand ?? then.brand,
            operator: newOperator ?? then.operator,
            fromDate: plannedDate,
            reason: `${kind}（${rule.article}）`,
            changeId: c.id,
            userId: user.id,
          });
        }
        await audit(tx, request, {
          entity: 'centre',
          entityId: l.centre.id,
          action: 'change',
          patch: [{ op: 'add', path: '/changes/-', value: c }],
        });
        return c;
      });
      const centre = await detail(l, warnings);
      const view = centre.changes.find((c) => c.id === change.id);
      return reply.code(201).send({
        change: view,
        late: change.late,
        deadline: notice.deadline,
        reason: notice.reason ?? null,
        centre,
      });
    },
  );
}
