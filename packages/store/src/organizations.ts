/** Organisations (申报单位): one per 统一社会信用代码. */
import { randomUUID } from 'node:crypto';
import { iso } from './rows';
import type { Organization, Queryable } from './types';

export interface NewOrganization {
  uscc: string;
  name: string;
  contact: string;
  mobile: string;
}

export type CreateOrganizationResult = { ok: true; value: Organization } | { ok: false; conflict: 'uscc' };

const COLUMNS = 'id, uscc, name, contact, mobile, created_at';

export function toOrganization(r: Record<string, unknown>): Organization {
  return {
    id: String(r.id),
    uscc: String(r.uscc),
    name: String(r.name),
    contact: String(r.contact),
    mobile: String(r.mobile),
    createdAt: iso(r.created_at),
  };
}

/** A second organisation with the same USCC is a conflict, not an error (the transaction goes on). */
export async function createOrganization(
  q: Queryable,
  org: NewOrganization,
): Promise<CreateOrganizationResult> {
  const rows = await q.query(
    `INSERT INTO organizations (id, uscc, name, contact, mobile) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (uscc) DO NOTHING RETURNING ${COLUMNS}`,
    [randomUUID(), org.uscc, org.name, org.contact, org.mobile],
  );
  const [row] = rows;
  return row ? { ok: true, value: toOrganization(row) } : { ok: false, conflict: 'uscc' };
}

export async function getOrganization(q: Queryable, id: string): Promise<Organization | undefined> {
  const [row] = await q.query(`SELECT ${COLUMNS} FROM organizations WHERE id = $1`, [id]);
  return row ? toOrganization(row) : undefined;
}

export async function findOrganizationByUscc(q: Queryable, uscc: string): Promise<Organization | undefined> {
  const [row] = await q.query(`SELECT ${COLUMNS} FROM organizations WHERE uscc = $1`, [uscc]);
  return row ? toOrganization(row) : undefined;
}
