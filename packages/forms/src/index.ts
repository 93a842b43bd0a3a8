export {
  FileRefusedError,
  type FileStore,
  FormContext,
  type FormContextValue,
  memoryFileStore,
  useFormContext,
} from './context';
export {
  type AttachmentLimits,
  attachmentLimits,
  digestFile,
  mediaTypeOf,
  refusal,
} from './controls/attachment-control';
export { displayValue } from './display-value';
export {
  type AsideField,
  type Draft,
  type DraftProblem,
  migrateDraft,
  newRow,
  parseDraftFile,
  skeleton,
  splitUnknown,
} from './draft/draft';
export type { CellKind, CellProps, Field, PrintProps, ShenbaoEntry } from './fields/entry';
export { fieldEntries } from './fields/kinds';
export { focusField } from './layouts/error-summary';
export { fieldId, scopeToPointer } from './pointer';
export { cachedReferenceOptions, referenceOptions } from './reference-options';
export { shenbaoRenderers } from './renderers';
export { type NumberedColumn, NumberedTable } from './review/numbered-table';
export { REVIEW_CSS, ReviewView } from './review/review-view';
export { afterPaint, idleDebounce, whenIdle } from './scheduling';
export { childSchema, enumOptions, type Option, type SchemaNode, schemaAt, titleOf, unitOf } from './schema';
export { ShenbaoForm, type ShenbaoFormProps } from './shenbao-form';
export { type Change, FormStore, type RemovedRow } from './store/form-store';
export { FORM_CSS } from './styles';
export { columnsOf } from './table/columns';
export { MultiCell, selectCell, type TextCellSpec, textCell } from './table/table-cell';
export { shenbaoTheme } from './theme';
export { normaliseUscc, usccHint } from './uscc';
export { FormController } from './validation/form-controller';
export { type ErrorMap, type ExtraChecks, FormValidator } from './validation/form-validator';
export { controlPointers, hiddenPointers } from './validation/hidden';
export {
  countsPerStep,
  errorEntries,
  type StepInfo,
  showStepCount,
  stepOfPath,
  stepsOf,
} from './validation/steps';
export {
  clockText,
  dateText,
  dateTimeText,
  numberText,
  parseDate,
  parseDateTime,
  parseNumber,
  sizeText,
} from './values';
