import { amountControlEntry } from './controls/amount-control';
import { attachmentControlEntry } from './controls/attachment-control';
import { BooleanControl } from './controls/boolean-control';
import { DateControl, dateTimeControlEntry } from './controls/date-control';
import { EnumControl } from './controls/enum-control';
import { MultiEnumControl } from './controls/multi-enum-control';
import { NumberControl } from './controls/number-control';
import { phoneControlEntry } from './controls/phone-control';
import { ReferencePicker } from './controls/reference-picker';
import { TextControl } from './controls/text-control';
import { UsccControl } from './controls/uscc-control';
import type { ShenbaoEntry } from './fields/entry';
import {
  ANY_FIELD,
  BOOLEAN_FIELD,
  DATE_FIELD,
  ENUM_FIELD,
  LONGTEXT_FIELD,
  MULTI_ENUM_FIELD,
  NUMBER_FIELD,
  OBJECT_ARRAY_FIELD,
  REFERENCE_FIELD,
  TEXT_FIELD,
  USCC_FIELD,
} from './fields/kinds';
import { groupLayoutEntry, horizontalLayoutEntry, labelEntry, verticalLayoutEntry } from './layouts/layouts';
import { objectControlEntry, UnknownControl } from './layouts/object-control';
import { wizardEntry } from './layouts/wizard';
import { ArrayTable } from './table/array-table';

/**
 * Our registry: `{tester, renderer}` pairs as in JSON Forms (highest rank wins), each built-in
 * field kind carrying, beside its form control, its table cell and print text (`fields/kinds.ts`),
 * so the form, a table row and the print page choose by the same tester. Entries with a control
 * only (万元 amounts, phones, attachments) use the cell and text of their value's type.
 * Every control reads and writes our store, not JSON Forms' core state.
 */
export const shenbaoRenderers: ShenbaoEntry[] = [
  verticalLayoutEntry,
  horizontalLayoutEntry,
  groupLayoutEntry,
  labelEntry,
  wizardEntry,
  { ...TEXT_FIELD, renderer: TextControl },
  LONGTEXT_FIELD,
  { ...NUMBER_FIELD, renderer: NumberControl },
  amountControlEntry,
  { ...BOOLEAN_FIELD, renderer: BooleanControl },
  { ...ENUM_FIELD, renderer: EnumControl },
  { ...MULTI_ENUM_FIELD, renderer: MultiEnumControl },
  { ...DATE_FIELD, renderer: DateControl },
  dateTimeControlEntry,
  { ...USCC_FIELD, renderer: UsccControl },
  phoneControlEntry,
  { ...REFERENCE_FIELD, renderer: ReferencePicker },
  { ...OBJECT_ARRAY_FIELD, renderer: ArrayTable },
  attachmentControlEntry,
  objectControlEntry,
  { ...ANY_FIELD, renderer: UnknownControl },
];
