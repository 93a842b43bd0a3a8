/**
 * What the repository suites share: the database of the backend under test (opened once per
 * test file, after the suites are registered) and makers of unique test records.
 */
import { createOrganization, createUser, type Database, type Organization, type User } from '../../src/index';

export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let serial = 0;
/** A value unique in this run (USCCs, logins), so the tests of one file share a database. */
export const unique = (prefix: string) => `${prefix}${process.pid}x${++serial}`;

/** A database handle that forwards to the one `current()` returns when called. */
export function forwarding(current: () => Database): Database {
  return {
    get backend() {
      return current().backend;
    },
    query: (sql, params) => current().query(sql, params),
    exec: (script) => current().exec(script),
    transaction: (fn) => current().transaction(fn),
    checkpoint: () => current().checkpoint(),
    close: () => current().close(),
    listen: (channel, handlers) => current().listen(channel, handlers),
  };
}

export interface Suite {
  db: Database;
  newOrg(name?: string): Promise<Organization>;
  newUser(role: User['role'], orgId?: string | null, programs?: string[]): Promise<User>;
}

export function suite(db: Database): Suite {
  return {
    db,
    async newOrg(name = '东莞市示例科技有限公司') {
      const r = await createOrganization(db, {
        uscc: unique('9144'),
        name,
        contact: '张三',
        mobile: '13800138000',
      });
      if (!r.ok) throw new Error('organisation not created');
      return r.value;
    },
    async newUser(role, orgId = null, programs = []) {
      const r = await createUser(db, {
        login: unique('u'),
        name: '李四',
        role,
        orgId,
        programs,
        password: 'secret123',
      });
      if (!r.ok) throw new Error('user not created');
      return r.value;
    },
  };
}
