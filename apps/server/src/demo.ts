/**
 * Demo accounts for a trial run (SHENBAO_DEMO, refused in production by config.ts): an
 * applicant of a demo enterprise, a staff member and a reviewer for every programme, and an
 * administrator. Idempotent: accounts that exist are left as they are. The logins and the
 * shared password are printed at start, so they are not secrets — never use them for real data.
 */
import { usccCheckCharacter } from '@shenbao/core';
import {
  createOrganization,
  createUser,
  type Database,
  findOrganizationByUscc,
  type Role,
} from '@shenbao/store';

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
