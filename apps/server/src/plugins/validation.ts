/**
 * Route schemas are checked by core's validator, the same one the forms use, so a refused
 * body names the field by its schema title in Chinese (「手机号码」不是有效的手机号码) with no
 * second table of messages here. Query strings and path parameters arrive as text: numbers
 * and booleans are converted first where the schema asks for them, as Fastify's ajv would.
 */
import { type SchemaNode, SchemaValidator, type ValidationError } from '@shenbao/core';
import fp from 'fastify-plugin';
import { HttpError } from '../http-error';

const validator = new SchemaValidator();

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Top-level text values turned into the numbers/booleans the schema's properties declare. */
function coerce(schema: SchemaNode, data: unknown): unknown {
  const props = schema.properties as Record<string, SchemaNode> | undefined;
  if (!props || data === null || typeof data !== 'object') return data;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const [key, value] of Object.entries(out)) {
    const type = props[key]?.type;
    if (typeof value !== 'string') continue;
    if ((type === 'integer' || type === 'number') && NUMBER.test(value)) out[key] = Number(value);
    else if (type === 'boolean' && (value === 'true' || value === 'false')) out[key] = value === 'true';
  }
  return out;
}

const PART_NAMES: Record<string, string> = {
  body: '请求内容',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

export function validationError(part: string, errors: readonly ValidationError[]): HttpError {
  const first = errors[0]?.message ?? `${PART_NAMES[part] ?? part}不正确`;
  return new HttpError(400, 'VALIDATION', first, {
    errors: errors.map((e) => ({ path: e.path, message: e.message })),
  });
}

export default fp(
  async (app) => {
    app.setValidatorCompiler(({ schema, httpPart }) => {
      const node = schema as SchemaNode;
      const textual = httpPart === 'querystring' || httpPart === 'params';
      return (data: unknown) => {
        const value = textual ? coerce(node, data) : data;
        const result = validator.validate(node, value);
        return result.valid ? { value } : { error: validationError(httpPart ?? 'body', result.errors) };
      };
    });
  },
  { name: 'shenbao-validation' },
);
