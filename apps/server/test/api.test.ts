/**
 * The HTTP API of docs/api.md, endpoint by endpoint (the procedure too), on both backends: the same suites run
 * against an embedded PGlite and a real PostgreSQL started for the test.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { applicationSuite } from './suites/applications.suite';
import { authSuite } from './suites/auth.suite';
import { procedureSuite } from './suites/procedure.suite';
import { programSuite } from './suites/programs.suite';
import { serviceSuite } from './suites/service.suite';
import { submissionSuite } from './suites/submission.suite';
import { targetSuite } from './suites/targets.suite';
import { userSuite } from './suites/users.suite';
import { BACKENDS, startTestServer, type TestServer } from './support/app';

describe.each(BACKENDS)('API on $name', (backend) => {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(backend);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  }, 60_000);
  const s = (): TestServer => {
    if (!server) throw new Error('server not started');
    return server;
  };

  serviceSuite(s);
  authSuite(s);
  userSuite(s);
  programSuite(s);
  targetSuite(s);
  applicationSuite(s);
  submissionSuite(s);
  procedureSuite(s);
});
