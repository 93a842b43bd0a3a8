/**
 * Excel exports of the bureau's lists (issue 10 item 6): the applications with the list's own
 * filters and sorting, and the recognised centres with one year's assessment. Streamed: the
 * workbook is written row by row into the reply (exceljs's streaming writer), the rows read from
 * the store a batch at a time, so 10,000 rows never sit in memory at once.
 *
 * Every header is a title from a schema: the programme's forms (via core's schema walker, at the
 * pointers program.json names), its procedure's state titles and assessment indicators, and for
 * the server's own columns (申报编号, 提交时间 …) the titled schema below. Dates are Excel dates in
 * the programme's time zone. Only staff of the programme may export.
 */
import { PassThrough } from 'node:stream';
import {
  enumTitles,
  isoDateIn,
  type Program,
  type SchemaNode,
  titleOf,
  walkSchema,
  zonedParts,
} from '@shenbao/core';
import {
  type CentreSummary,
  iterateApplications,
  listCentreNames,
  listCentreRevocations,
  listCentres,
  listCentreYears,
} from '@shenbao/store';
import { create as contentDisposition } from 'content-disposition';
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { nameOn, namesOf, recognisedStates } from '../centres-view';
import { errors, programIdParam, yearSchema } from '../schemas';
import { assertStaffWorkingOn, userOf } from './access';
import { type ListQuery, listFilterOf, listQuery } from './applications';
import { programOf } from './programs';

/** The server's own columns: their titles are the export's headers (and the result's values). */
export const exportColumns = {
  type: 'object',
  properties: {
    receiptNo: { type: 'string', title: '申报编号' },
    year: { type: 'integer', title: '年度' },
    state: { type: 'string', title: '办理状态' },
    submittedAt: { type: 'string', format: 'date-time', title: '提交时间' },
    updatedAt: { type: 'string', format: 'date-time', title: '最近更新' },
    revocation: { type: 'string', title: '撤销情形' },
    result: {
      type: 'string',
      title: '年度考核结果',
      oneOf: [
        { const: 'notSubmitted', title: '未报送自评' },
        { const: 'submitted', title: '已报送自评，待考核' },
        { const: 'passed', title: '达标' },
        { const: 'failed', title: '未达标' },
        { const: 'missed', title: '未参加考核' },
      ],
    },
  },
} as const;
type OwnColumn = keyof typeof exportColumns.properties;
const own = (key: OwnColumn): string => exportColumns.properties[key].title;
const RESULTS = enumTitles(exportColumns, exportColumns.properties.result) as Map<string, string>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DATE_TIME = 'yyyy-mm-dd hh:mm';
const DATE = 'yyyy-mm-dd';

interface Column {
  header: string;
  width: number;
  numFmt?: string;
}

/** The schema of the field at `pointer` in a form's schema (core's walker, as its messages use). */
const fieldSchema = (schema: SchemaNode, pointer: string | undefined): SchemaNode | undefined =>
  pointer ? walkSchema(schema, pointer).at(-1)?.schema : undefined;

/** The title of the field at `pointer` in a form's schema. */
const fieldTitle = (schema: SchemaNode, pointer: string | undefined): string =>
  titleOf(fieldSchema(schema, pointer)) ?? pointer ?? '';

/** An instant as an Excel date showing the programme's wall-clock time (Excel dates have no zone). */
function excelDate(at: string | null | undefined, timeZone: string): Date | null {
  if (!at) return null;
  const p = zonedParts(new Date(at), timeZone);
  return p ? new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)) : null;
}

/** A calendar day (YYYY-MM-DD) as an Excel date. */
function excelDay(day: unknown): Date | null {
  return typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : null;
}

/** code → name of the reference data behind a field's format (镇街 codes), if it has one. */
function referenceNames(program: Program, schema: SchemaNode, pointer: string | undefined) {
  const node = fieldSchema(schema, pointer);
  const format = typeof node?.format === 'string' ? program.manifest.formats?.[node.format] : undefined;
  const names = new Map<string, string>();
  if (!format) return names;
  try {
    for (const item of program.reference(format.reference)) {
      const name = item.name;
      if (typeof name === 'string') names.set(String(item[format.key ?? 'code']), name);
    }
  } catch {
    // a programme without that reference file: codes are shown as they are
  }
  return names;
}

/** A sheet name Excel accepts: ≤ 31 characters, none of []:*?/\ . */
const sheetName = (s: string): string => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';

/**
 * Starts a streamed workbook as the reply: one sheet with a frozen, bold header row and the
 * columns' widths and date formats. `fill` adds the rows; the reply ends when it resolves.
 */
function streamWorkbook(
  reply: FastifyReply,
  filename: string,
  columns: Column[],
  fill: (add: (values: unknown[]) => void) => Promise<void>,
): FastifyReply {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName(filename.replace(/\.xlsx$/, '')), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  void (async () => {
    await fill((values) => sheet.addRow(values).commit());
    sheet.commit();
    await workbook.commit();
  })().catch((e: unknown) => {
    reply.log.error({ err: e }, 'export failed while streaming');
    out.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return reply
    .type(XLSX)
    .header('content-disposition', contentDisposition(filename))
    .header('cache-control', 'private, no-store')
    .send(out);
}

const exportQuery = {
  ...listQuery,
  required: ['programId'],
  properties: { ...listQuery.properties, programId: programIdParam.properties.pid },
} as const;

export default async function exportRoutes(app: FastifyInstance): Promise<void> {
  /** The programme `programId` when `user` is its staff (403 otherwise). */
  function staffProgram(request: Parameters<typeof userOf>[0], programId: string) {
    const user = userOf(request);
    assertStaffWorkingOn(user, programId);
    return { user, lp: programOf(app, programId) };
  }

  app.get<{ Querystring: ListQuery & { programId: string } }>(
    '/api/exports/applications.xlsx',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['申报'],
        summary: '导出申报列表（Excel，筛选与排序同申报列表，不分页）',
        querystring: exportQuery,
        response: { 200: { description: 'xlsx 文件' }, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { user, lp } = staffProgram(request, request.query.programId);
      const { program } = lp;
      const m = program.manifest;
      const spec = m.submission;
      const form = spec?.form ?? Object.keys(m.forms)[0] ?? '';
      const schema = program.formSchema(form);
      const tz = m.timezone;
      const towns = referenceNames(program, schema, spec?.town);
      const states = new Map(m.procedure.states.map((s) => [s.id, s.title]));
      const columns: Column[] = [
        { header: own('receiptNo'), width: 18 },
        { header: own('year'), width: 8 },
        { header: fieldTitle(schema, spec?.organization.name), width: 36 },
        { header: fieldTitle(schema, spec?.organization.uscc), width: 22 },
        { header: fieldTitle(schema, spec?.town), width: 16 },
        { header: own('state'), width: 16 },
        { header: own('submittedAt'), width: 18, numFmt: DATE_TIME },
        { header: own('updatedAt'), width: 18, numFmt: DATE_TIME },
      ];
      const { page: _page, pageSize: _size, ...query } = request.query;
      const filter = listFilterOf(app.programs, user, query);
      const year = request.query.year;
      const filename = `${m.forms[form]?.title ?? m.title}${year ? `（${year}年）` : ''}.xlsx`;
      return streamWorkbook(reply, filename, columns, async (add) => {
        for await (const batch of iterateApplications(app.db, filter, 500))
          for (const a of batch)
            add([
              a.receiptNo,
              a.year,
              a.title,
              a.orgUscc,
              a.town === null ? null : (towns.get(a.town) ?? a.town),
              states.get(a.state) ?? a.state,
              excelDate(a.submittedAt, tz),
              excelDate(a.updatedAt, tz),
            ]);
      });
    },
  );

  app.get<{ Querystring: { programId: string; year: number } }>(
    '/api/exports/centres.xlsx',
    {
      config: { roles: ['staff'] },
      schema: {
        tags: ['创新中心'],
        summary: '导出已认定名单及某年度的绩效考核情况（Excel）',
        querystring: {
          type: 'object',
          required: ['programId', 'year'],
          additionalProperties: false,
          properties: { programId: programIdParam.properties.pid, year: yearSchema },
        },
        response: { 200: { description: 'xlsx 文件' }, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { programId, year } = request.query;
      const { lp } = staffProgram(request, programId);
      const { program } = lp;
      const m = program.manifest;
      const recognised = recognisedStates(program);
      // The record form of the transition that recognises (its brand, operator and date fields).
      const recordForm = m.procedure.transitions.find((t) => recognised.includes(t.to) && t.record)?.record;
      const record = recordForm ? program.formSchema(recordForm) : {};
      const appSchema = program.formSchema(m.submission?.form ?? Object.keys(m.forms)[0] ?? '');
      // A programme without yearly assessment has no indicator columns.
      const indicators = m.assessment?.indicators ?? [];
      const columns: Column[] = [
        { header: own('receiptNo'), width: 18 },
        { header: fieldTitle(record, '/brand'), width: 36 },
        { header: fieldTitle(record, '/operator'), width: 36 },
        { header: fieldTitle(appSchema, m.submission?.organization.uscc), width: 22 },
        { header: fieldTitle(record, '/date'), width: 14, numFmt: DATE },
        { header: own('revocation'), width: 24 },
        ...indicators.map((ind) => ({ header: `${ind.title}（${ind.unit}）`, width: 16 })),
        { header: `${year}${own('result')}`, width: 18 },
      ];
      const today = isoDateIn(app.now(), m.timezone);
      const centres: CentreSummary[] = (await listCentres(app.db, { programId, states: recognised })).filter(
        (c) => c.year <= year,
      );
      const filename = `${m.forms[recordForm ?? '']?.title ?? m.title}（${year}年度）.xlsx`;
      return streamWorkbook(reply, filename, columns, async (add) => {
        for (let i = 0; i < centres.length; i += 200) {
          const chunk = centres.slice(i, i + 200);
          const ids = chunk.map((c) => c.id);
          const [years, names, revocations] = await Promise.all([
            listCentreYears(app.db, ids),
            listCentreNames(app.db, ids),
            listCentreRevocations(app.db, ids),
          ]);
          for (const c of chunk) {
            const current = nameOn(
              namesOf(
                program,
                c,
                names.filter((n) => n.applicationId === c.id),
              ),
              today,
            );
            const decided = revocations.find((r) => r.applicationId === c.id && r.status === 'decided');
            const ground = decided
              ? m.procedure.revocation.grounds.find((g) => g.id === decided.ground)
              : undefined;
            const y = years.find((r) => r.applicationId === c.id && r.year === year);
            const assessed = (y?.assessment ?? null) as {
              indicators?: { id: string; actual: unknown }[];
            } | null;
            const actual = (id: string): unknown => {
              const v = assessed?.indicators?.find((r) => r.id === id)?.actual;
              return Array.isArray(v) ? v.length : (v ?? null);
            };
            const result = y?.missed
              ? 'missed'
              : y?.passed === true
                ? 'passed'
                : y?.passed === false
                  ? 'failed'
                  : y?.submittedAt
                    ? 'submitted'
                    : 'notSubmitted';
            const recognition = (c.recognition ?? {}) as Record<string, unknown>;
            add([
              c.receiptNo,
              current.brand,
              current.operator,
              c.orgUscc,
              excelDay(recognition.date) ?? excelDate(c.recognisedAt, m.timezone),
              ground ? `${m.procedure.revocation.article}${ground.item}${ground.text}` : null,
              ...indicators.map((ind) => actual(ind.id)),
              RESULTS.get(result) ?? result,
            ]);
          }
        }
      });
    },
  );
}
