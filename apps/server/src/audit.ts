/**
 * Audit entries as requests make them: who (user and role), from where (address), what
 * (entity, id, action) and the change as a JSON Patch. Written in the same transaction as
 * the change itself, so the log never misses a write nor records one that was rolled back.
 */

import { type AuditInput, appendAudit, type Queryable, type User } from '@shenbao/store';
import type { FastifyRequest } from 'fastify';

export interface AuditEvent {
  entity: string;
  entityId: string;
  action: string;
  /** RFC 6902 operations, or null when nothing but the action itself is recorded. */
  patch?: unknown;
}

/** The entry for `event`, done by `actor` (default: the request's user) from the request's address. */
export function auditInput(request: FastifyRequest, event: AuditEvent, actor = request.user): AuditInput {
  return {
    actorId: actor?.id ?? null,
    actorRole: actor?.role ?? null,
    ip: request.ip,
    entity: event.entity,
    entityId: event.entityId,
    action: event.action,
    patch: event.patch ?? null,
  };
}

export async function audit(
  q: Queryable,
  request: FastifyRequest,
  event: AuditEvent,
  actor: User | undefined = request.user,
): Promise<void> {
  await appendAudit(q, auditInput(request, event, actor));
}
