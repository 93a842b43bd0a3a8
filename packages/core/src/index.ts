export { type ActValidity, actValidity } from './centres/act-validity';
export { type GoalProblem, goalProblems } from './centres/goals';
export { type CentreNamed, nameOn } from './centres/names';
export { type CentreYearResult, centreConsequence, yearOutcome } from './centres/outcomes';
export { type CalendarLookup, calendarProblem, type DayInfo, dayInfo, plusDays } from './dates/calendar';
export { type CalendarConflict, calendarConflicts, mergeCalendars } from './dates/calendar-merge';
export { type CallWindowResult, callWindow } from './dates/call-window';
export { type PublicityResult, publicityPeriod } from './dates/publicity-period';
export { type ValidityResult, withinValidity } from './dates/validity';
export { zonedDayStart } from './dates/zoned-day';
export { BUILTIN_FORMATS, type FormatDef } from './formats';
export { cnDate, cnDateRange, cnDateTime, cnIsoDate, type DateParts, dateParts } from './formats/cn-date';
export { type ZonedParts, zonedParts } from './formats/date-time';
export { isLandline, isMobile, isPhone, normalizePhone } from './formats/phone';
export { isUscc, type UsccProblem, usccCheckCharacter, usccProblem } from './formats/uscc';
export type { HolidayCalendar } from './generated/calendar';
export type * from './generated/program';
export { isJsonObject } from './json-object';
export { escapeToken, getPointer, joinPointer, parsePointer } from './json-pointer';
export {
  CENTRE_NOTICE_VIEW_SCHEMA,
  type CentreNoticeSource,
  type CentreNoticeView,
  type CentreNoticeYear,
  type CentreSelection,
  centreNoticeDocument,
  centreNoticeEntries,
  centreNoticeViews,
  type FailedIndicator,
  failedIndicators,
} from './notices/centres';
export {
  type DerivedNotice,
  type DerivedParts,
  derivedOf,
  derivedPointers,
  deriveNotice,
  mergeNotice,
  type NoticeDocument,
  type NoticeInputs,
  type NoticeSummary,
  noticeDocument,
  noticeDocuments,
  noticeSummary,
  noticeTitle,
  staffPart,
  staffSchema,
} from './notices/compose';
export {
  type NoticeEntriesResult,
  type NoticePeriodResult,
  type NoticeSource,
  noticeEntries,
  noticePeriod,
  noticeSources,
} from './notices/entries';
export { type DeadlineResult, deadlineFor } from './procedure/deadline';
export {
  allowedTransitions,
  type DecideInput,
  type Decision,
  decide,
  type Effect,
  findState,
  findTransition,
  type RefusalCode,
} from './procedure/decide';
export { type GuardDocument, guardProblems, guardSchema } from './procedure/guard-document';
export { fillMessage } from './procedure/message';
export { type AccountRoles, rolesOf } from './procedure/roles';
export { aggregateScores, reviewScore } from './procedure/scores';
export { type EarlierTargets, staleCallProblems } from './program/call-year';
export { type LintProblem, lintProgram, schemaHasPath } from './program/lint';
export { applyOverlays } from './program/overlay';
export {
  loadProgram,
  NATIONAL_CALENDAR_PREFIX,
  Program,
  type ProgramFiles,
  ProgramLoadError,
  type ReferenceItem,
  type SchemaRef,
} from './program/program';
export { type AssessmentResult, assess, type IndicatorResult, NO_ASSESSMENT } from './rules/assessment';
export { type CheckContext, evaluateCheck } from './rules/checks';
export {
  type ConditionResult,
  documentApplies,
  type EligibilityResult,
  eligibility,
} from './rules/eligibility';
export { type MajorChangeResult, majorChangeNotice } from './rules/major-change';
export {
  type AssessmentOutcome,
  assessmentConsequence,
  type BanKind,
  type BanResult,
  banFor,
  type ConsequenceResult,
  findGround,
  groundArticle,
  type YearOutcome,
} from './rules/revocation';
export {
  type AttachmentRef,
  attachmentRefs,
  type BanInForce,
  banStands,
  isoDateIn,
  type SubmissionContext,
  type SubmissionReason,
  type SubmissionVerdict,
  submissionVerdict,
} from './rules/submission';
export {
  attachmentItems,
  attachmentLimits,
  mediaTypeName,
  type SchemaAttachmentLimits,
} from './validation/attachment-limits';
export { SchemaCompileError, type StrictRule } from './validation/compile-errors';
export {
  DEFAULT_LIMITS,
  FORBIDDEN_KEYS,
  type GuardLimits,
  type GuardProblem,
  guardData,
} from './validation/guard';
export { lowerBoundText, type ValidationError } from './validation/messages';
export {
  alternatives,
  asSchema,
  childSchema,
  deref,
  enumTitles,
  isArraySchema,
  itemsOf,
  labelFor,
  propertiesOf,
  propertyNames,
  propertyOf,
  resolveSchemaPointer,
  type SchemaNode,
  schemaAt,
  titleOf,
  walkSchema,
} from './validation/schema-walk';
export {
  type CompiledValidatorStore,
  isClosed,
  type Schema,
  SchemaValidator,
  type ValidationResult,
} from './validation/validator';
