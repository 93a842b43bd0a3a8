export {
  APPLICATION_SORTS,
  assignReviewer,
  type CreateApplicationResult,
  countApplicationsByState,
  createApplication,
  DEFAULT_PAGE_SIZE,
  type DraftSave,
  getApplication,
  isAssigned,
  iterateApplications,
  listApplications,
  listAssignedReviewers,
  MAX_PAGE_SIZE,
  type NewApplication,
  nextReceiptNo,
  saveApplicationData,
  saveDrafts,
  setApplicationState,
  unassignReviewer,
} from './applications';
export { getAttachment, orgAttachmentBytes, recordAttachment } from './attachments';
export { appendAudit, diff, listAudit, type PatchOperation } from './audit';
export {
  type BackupHeader,
  type BackupResult,
  backupDatabase,
  DUMP_FORMAT,
  DUMP_FORMAT_VERSION,
} from './backup';
export { createBan, listBans, type NewBan } from './bans';
export {
  addCentreChange,
  addCentreName,
  decideRevocation,
  getCentre,
  getCentreYear,
  listCentreChanges,
  listCentreNames,
  listCentreRevocations,
  listCentres,
  listCentreYears,
  markMissedAssessments,
  proposeRevocation,
  recordAssessment,
  setCentreGoals,
  setYearConsequence,
  submitSelfAssessment,
} from './centres';
export { SESSIONS_CHANNEL } from './channels';
export {
  addDeadline,
  CLEARED,
  clearOpenDeadlines,
  completeDeadline,
  failDeadline,
  listDeadlines,
  listDueDeadlines,
  listOpenDeadlines,
  type NewDeadline,
} from './deadlines';
export { StoreLockedError } from './lock';
export { addMessage, listMessages, markMessageRead, type NewMessage } from './messages';
export {
  MIGRATIONS_DIR,
  type MigrateResult,
  type Migration,
  MigrationError,
  migrate,
  readMigrations,
  schemaVersion,
} from './migrate';
export {
  type CorrectNoticeResult,
  correctNotice,
  createNotice,
  getNotice,
  lastPublishedNotice,
  listNoticeSources,
  listNotices,
  listPublishedNotices,
  type NewNotice,
  type NoticeSourceRow,
  type NoticeWrite,
  publishNotice,
  saveNotice,
} from './notices';
export {
  addObjection,
  countObjections,
  type DecideObjectionResult,
  decideObjection,
  getObjection,
  listObjections,
  type NewObjection,
} from './objections';
export { type OpenDatabaseOptions, openDatabase, storeOptionsFromEnv } from './open';
export {
  type CreateOrganizationResult,
  createOrganization,
  findOrganizationByUscc,
  getOrganization,
  type NewOrganization,
} from './organizations';
export {
  hashPassword,
  PASSWORD_HASH_OPTIONS,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
  verifyPassword,
} from './passwords';
export { DEFAULT_CHECKPOINT_MS } from './pglite';
export { hitCounter, pruneCounters } from './rate-limits';
export { RestoreRefusedError, type RestoreResult, restoreDatabase } from './restore';
export { listReviews, listReviewsBy, type NewReview, saveReview } from './reviews';
export {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  getSession,
  type NewSession,
  tokenHash,
} from './sessions';
export { countApplicationsByTown, listReviewScores, type StatsFilter } from './stats';
export { getTargets, listTargets, publishTargets, saveTargetsDraft, seedPublishedTargets } from './targets';
export { listTransitions, type NewTransition, recordTransition } from './transitions';
export * from './types';
export {
  type CreateUserResult,
  createUser,
  findUserByLogin,
  getUser,
  type LockoutPolicy,
  listUsers,
  type NewUser,
  recordLoginFailure,
  resetLoginFailures,
} from './users';
