/**
 * JSON Schemas shared by the routes: the records the API answers with (they also strip any
 * field a record carries that the client must not see, such as a password hash) and the
 * common parameters. Bodies are validated by core's validator: titles name fields in its
 * Chinese messages, so every property a user fills carries one.
 */

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const dateTimeOrNull = { type: ['string', 'null'], format: 'date-time' } as const;
/** Any JSON value (application data, targets, patches): documented, not restricted. */
export const anyJson = {} as const;

export const errorReply = {
  type: 'object',
  description:
    '错误：code 为稳定的错误代码，message 为中文说明，另可带 current、reasons、errors、path、id 等字段',
  required: ['statusCode', 'code', 'message'],
  properties: { statusCode: { type: 'integer' }, code: str, message: str },
  additionalProperties: true,
} as const;

/** Error replies for the statuses a route may answer with (OpenAPI and serialisation). */
export function errors(...codes: number[]): Record<number, typeof errorReply> {
  return Object.fromEntries(codes.map((c) => [c, errorReply]));
}

export const noContent = { type: 'null', description: '无内容' } as const;

export const user = {
  type: 'object',
  required: ['id', 'login', 'name', 'role', 'orgId', 'programs'],
  properties: {
    id: str,
    login: str,
    name: str,
    role: { type: 'string', enum: ['applicant', 'staff', 'reviewer', 'admin'] },
    orgId: strOrNull,
    programs: { type: 'array', items: str },
  },
} as const;

export const org = {
  type: ['object', 'null'],
  required: ['id', 'uscc', 'name', 'contact', 'mobile'],
  properties: { id: str, uscc: str, name: str, contact: str, mobile: str },
} as const;

export const sessionInfo = {
  type: 'object',
  required: ['user', 'org', 'csrfToken'],
  properties: { user, org, csrfToken: str },
} as const;

const summaryProperties = {
  id: str,
  programId: str,
  form: str,
  year: { type: 'integer' },
  orgId: str,
  orgName: str,
  orgUscc: str,
  state: str,
  version: { type: 'integer' },
  receiptNo: strOrNull,
  submittedAt: dateTimeOrNull,
  title: str,
  town: strOrNull,
  createdAt: dateTime,
  updatedAt: dateTime,
} as const;

export const applicationSummary = {
  type: 'object',
  required: Object.keys(summaryProperties),
  properties: summaryProperties,
} as const;

export const applicationRecord = {
  type: 'object',
  required: [...Object.keys(summaryProperties), 'data'],
  properties: { ...summaryProperties, data: anyJson },
} as const;

export const callWindowInfo = {
  type: 'object',
  properties: { open: { type: 'boolean' }, opens: strOrNull, closes: strOrNull, reason: strOrNull },
} as const;

export const auditEntry = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    at: dateTime,
    actorId: strOrNull,
    actorRole: strOrNull,
    ip: strOrNull,
    action: str,
    patch: anyJson,
  },
} as const;

export const ban = {
  type: 'object',
  properties: {
    id: str,
    programId: str,
    orgId: str,
    orgUscc: str,
    orgName: str,
    ground: { type: 'integer' },
    decidedOn: str,
    until: strOrNull,
    kind: { type: 'string', enum: ['years', 'months', 'until', 'forever', 'none'] },
    reason: str,
    createdAt: dateTime,
  },
} as const;

export const programIdParam = {
  type: 'object',
  required: ['pid'],
  properties: { pid: { type: 'string', title: '项目', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } },
} as const;

export const yearSchema = { type: 'integer', title: '年度', minimum: 2000, maximum: 2100 } as const;

export const idParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', title: '申报ID', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
} as const;

export const versionSchema = { type: 'integer', title: '版本', minimum: 0, maximum: 2147483647 } as const;
