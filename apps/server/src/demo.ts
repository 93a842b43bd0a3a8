/**
 * Demo accounts for a trial run (SHENBAO_DEMO, refused in production by config.ts): an
 * applicant of a demo enterprise, a staff member and a reviewer for every programme, and an
 * administrator. Idempotent: accounts that exist are left as they are. The logins and the
 * shared password are printed at start, so they are not secrets — never use them for real data.
 */
import { callWindow, getPointer, isoDateIn, parsePointer, plusDays, usccCheckCharacter } from '@shenbao/core';
import {
  appendAudit,
  createOrganization,
  createUser,
  type Database,
  findOrganizationByUscc,
  getTargets,
  listTargets,
  publishTargets,
  type Role,
  saveTargetsDraft,
} from '@shenbao/store';
import type { ProgramRegistry } from './program-registry';

export const DEMO_PASSWORD = 'shenbao2026';

/** A Dongguan registration (area code 4419), so the demo enterprise can try the shipped programme. */
const DEMO_USCC_BODY = '91441900MA5DEMQ01';

export interface DemoAccount {
  role: Role;
  login: string;
  name: string;
  password: string;
}

export function demoUscc(): string {
  return DEMO_USCC_BODY + (usccCheckCharacter(DEMO_USCC_BODY) ?? '');
}

export async function ensureDemoAccounts(db: Database): Promise<DemoAccount[]> {
  const uscc = demoUscc();
  const accounts: (DemoAccount & { orgId?: string; programs?: string[] })[] = [];
  await db.transaction(async (tx) => {
    const made = await createOrganization(tx, {
      uscc,
      name: '示例智能科技有限公司（演示）',
      contact: '演示联系人',
      mobile: '13800000001',
    });
    const org = made.ok ? made.value : await findOrganizationByUscc(tx, uscc);
    accounts.push(
      {
        role: 'applicant',
        login: '13800000001',
        name: '演示申报人',
        password: DEMO_PASSWORD,
        orgId: org?.id,
      },
      { role: 'staff', login: 'staff', name: '演示工作人员', password: DEMO_PASSWORD, programs: ['*'] },
      { role: 'reviewer', login: 'reviewer', name: '演示评审专家', password: DEMO_PASSWORD, programs: ['*'] },
      { role: 'admin', login: 'admin', name: '演示管理员', password: DEMO_PASSWORD },
    );
    for (const a of accounts)
      await createUser(tx, {
        login: a.login,
        name: a.name,
        mobile: a.role === 'applicant' ? a.login : null,
        role: a.role,
        orgId: a.orgId ?? null,
        programs: a.programs ?? [],
        password: a.password,
      });
  });
  return accounts.map(({ role, login, name, password }) => ({ role, login, name, password }));
}

/** `+08:00` for a time zone at an instant. */
function offsetOf(timeZone: string, at: Date): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-]\d{2}:\d{2})/.exec(name ?? '');
  return m?.[1] ?? '+00:00';
}

/** Sets an existing member at a JSON pointer (the targets file's call window fields). */
function setExisting(root: unknown, pointer: string, value: unknown): boolean {
  const tokens = parsePointer(pointer);
  const last = tokens.pop();
  const parent = getPointer(root, tokens.length > 0 ? `/${tokens.join('/')}` : '');
  if (last === undefined || parent === null || typeof parent !== 'object' || Array.isArray(parent))
    return false;
  (parent as Record<string, unknown>)[last] = value;
  return true;
}

/** Replaces `2026年` by `2027年` in every string of a copied year, as a clerk would. */
function renameYear(node: unknown, from: number, to: number): unknown {
  if (typeof node === 'string') return node.replaceAll(`${from}年`, `${to}年`);
  if (Array.isArray(node)) return node.map((n) => renameYear(n, from, to));
  if (node && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, renameYear(v, from, to)]));
  return node;
}

export interface DemoCall {
  programId: string;
  year: number;
  opens: string;
  closes: string;
}

/**
 * A trial on a fresh clone should let a new enterprise submit. When no published year of a
 * programme has its call open today, the demo publishes the next year as a copy of the latest
 * one (its year renamed) with a call open from today for 30 days — audited as `demo-call`,
 * never in production (config refuses SHENBAO_DEMO there).
 */
export async function ensureDemoCalls(
  db: Database,
  programs: ProgramRegistry,
  now: Date,
): Promise<DemoCall[]> {
  const made: DemoCall[] = [];
  for (const [pid, { program }] of programs) {
    const spec = program.manifest.targets.callWindow;
    if (!program.manifest.submission || !spec) continue;
    const years = (await listTargets(db, pid)).filter((t) => t.published !== null);
    if (years.some((t) => callWindow(program.manifest, t.published, now).open)) continue;
    const latest = years.sort((a, b) => a.year - b.year).at(-1);
    if (!latest) continue;
    const year = latest.year + 1;
    if ((await getTargets(db, pid, year))?.published) continue;
    const data = renameYear(structuredClone(latest.published), latest.year, year) as Record<string, unknown>;
    if (typeof data.year === 'number') data.year = year;
    const tz = program.manifest.timezone;
    const today = isoDateIn(now, tz);
    const opens = `${today}T00:00:00${offsetOf(tz, now)}`;
    const closes = `${plusDays(today, 30)}T23:59:00${offsetOf(tz, now)}`;
    if (!setExisting(data, spec.opens, opens) || !setExisting(data, spec.closes, closes)) continue;
    await db.transaction(async (tx) => {
      const draft = await saveTargetsDraft(tx, { programId: pid, year, data, version: 0, userId: null });
      if (!draft?.ok) return;
      const published = await publishTargets(tx, {
        programId: pid,
        year,
        version: draft.record.version,
        userId: null,
      });
      if (!published?.ok) return;
      await appendAudit(tx, {
        actorId: null,
        actorRole: 'system',
        ip: null,
        entity: 'targets',
        entityId: `${pid}/${year}`,
        action: 'demo-call',
        patch: [{ op: 'add', path: '/published', value: data }],
      });
      made.push({ programId: pid, year, opens, closes });
    });
  }
  return made;
}
