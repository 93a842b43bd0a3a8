import type { JsonFormsRendererRegistryEntry } from '@jsonforms/core';
import { amountControlEntry } from './controls/amount-control';
import { attachmentControlEntry } from './controls/attachment-control';
import { booleanControlEntry } from './controls/boolean-control';
import { dateControlEntry, dateTimeControlEntry } from './controls/date-control';
import { enumControlEntry } from './controls/enum-control';
import { multiEnumControlEntry } from './controls/multi-enum-control';
import { numberControlEntry } from './controls/number-control';
import { phoneControlEntry } from './controls/phone-control';
import { referencePickerEntry } from './controls/reference-picker';
import { textControlEntry } from './controls/text-control';
import { usccControlEntry } from './controls/uscc-control';
import { groupLayoutEntry, horizontalLayoutEntry, labelEntry, verticalLayoutEntry } from './layouts/layouts';
import { objectControlEntry, unknownControlEntry } from './layouts/object-control';
import { wizardEntry } from './layouts/wizard';
import { arrayTableEntry } from './table/array-table';

/**
 * Our renderer set: `{tester, renderer}` pairs, highest rank wins, as in JSON Forms.
 * Every control reads and writes our store, not JSON Forms' core state.
 */
export const shenbaoRenderers: JsonFormsRendererRegistryEntry[] = [
  verticalLayoutEntry,
  horizontalLayoutEntry,
  groupLayoutEntry,
  labelEntry,
  wizardEntry,
  textControlEntry,
  numberControlEntry,
  amountControlEntry,
  booleanControlEntry,
  enumControlEntry,
  multiEnumControlEntry,
  dateControlEntry,
  dateTimeControlEntry,
  usccControlEntry,
  phoneControlEntry,
  referencePickerEntry,
  arrayTableEntry,
  attachmentControlEntry,
  objectControlEntry,
  unknownControlEntry,
];
