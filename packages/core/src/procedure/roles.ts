import type { Program } from '../program/program';

/** What the engine needs of an account: its kind and, for staff and reviewers, its programmes. */
export interface AccountRoles {
  role: string;
  programs: readonly string[];
}

/**
 * The procedure roles an account holds in a programme. Applicants hold the applicant roles and
 * the scheduler (`system`) the system roles. A staff or reviewer account holds all the
 * programme's roles of its kind when its `programs` lists the programme (or `*`), and one role
 * when it lists `<programId>:<roleId>`. Any other account (admin) holds none.
 */
export function rolesOf(program: Program, account: AccountRoles, programId: string = program.id): string[] {
  const roles = program.manifest.procedure.roles;
  switch (account.role) {
    case 'applicant':
    case 'system':
      return roles.filter((r) => r.account === account.role).map((r) => r.id);
    case 'staff':
    case 'reviewer': {
      const whole = account.programs.includes('*') || account.programs.includes(programId);
      return roles
        .filter(
          (r) => r.account === account.role && (whole || account.programs.includes(`${programId}:${r.id}`)),
        )
        .map((r) => r.id);
    }
    default:
      return [];
  }
}
