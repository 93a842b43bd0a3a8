/**
 * Audit entries as requests make them: who (user and role), from where (address), what
 * (entity, id, action) and the change as a JSON Patch. Written in the same transaction as
 * the change itself, so the log never misses a write nor records one that was rolled back.
 */
import type { FastifyRequest } from 'fastify';
import { type AuditInput, appendAudit, type Queryable } from '@shenbao/store';

export interface AuditEvent {
  entity: string;
  entityId: string;
  action: string;
  /** RFC 6902 operations, or null when nothing but the action itself is recorded. */
  patch?: unknown;
}

export function auditInput(request: FastifyRequest, event: AuditEvent): AuditInput {
  return {
    actorId: request.user?.id ?? null,
    actorRole: request.user?.role ?? null,
    ip: request.ip,
    entity: event.entity,
    entityId: event.entityId,
    action: event.action,
    patch: event.patch ?? null,
  };
}

export async function audit(q: Queryable, request: FastifyRequest, event: AuditEvent): Promise<void> {
  await appendAudit(q, auditInput(request, event));
}
