/**
 * Every repository behaviour on both backends: the suites (one module per concept, under
 * suites/) run once per backend, on one database opened per backend for the whole file.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { accountsSuite } from './suites/accounts';
import { applicationsSuite } from './suites/applications';
import { centresSuite } from './suites/centres';
import { messagesSuite } from './suites/messages';
import { noticesSuite } from './suites/notices';
import { procedureSuite } from './suites/procedure';
import { reviewsAndObjectionsSuite } from './suites/reviews-objections';
import { forwarding, suite } from './suites/suite';
import { targetsAndAuditSuite } from './suites/targets-audit';
import { BACKENDS, OPEN_TIMEOUT, type TestBackend } from './support/backends';

describe.each(BACKENDS)('store on %s', (_name, start) => {
  let backend: TestBackend | undefined;
  beforeAll(async () => {
    backend = await start();
  }, OPEN_TIMEOUT);
  afterAll(() => backend?.close());

  const s = suite(
    forwarding(() => {
      if (!backend) throw new Error('backend not open');
      return backend.db;
    }),
  );
  accountsSuite(s);
  applicationsSuite(s);
  targetsAndAuditSuite(s);
  procedureSuite(s);
  reviewsAndObjectionsSuite(s);
  messagesSuite(s);
  noticesSuite(s);
  centresSuite(s);
});
