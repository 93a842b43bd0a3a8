import { differenceInCalendarDays, subDays } from 'date-fns';
import { fromIso, toIso } from '../dates/calendar';
import type { MajorChangeRule } from '../generated/program';

export interface MajorChangeResult {
  timely: boolean;
  /** Latest day the report could be made. */
  deadline: string;
  daysBefore: number;
  reason: string | undefined;
}

/**
 * Whether a report of a major change (rename, restructuring, transfer) came at least the
 * required number of days before the formalities (第十六条: 30 days). A "before" deadline
 * is never moved for holidays.
 */
export function majorChangeNotice(
  rule: MajorChangeRule,
  changeDate: string,
  reportDate: string,
): MajorChangeResult {
  const deadline = toIso(subDays(fromIso(changeDate), rule.noticeDaysBefore));
  const daysBefore = differenceInCalendarDays(fromIso(changeDate), fromIso(reportDate));
  const timely = daysBefore >= rule.noticeDaysBefore;
  return {
    timely,
    deadline,
    daysBefore,
    reason: timely
      ? undefined
      : `应在办理相关手续前${rule.noticeDaysBefore}日（即${deadline}前）告知，实际仅提前${daysBefore}日（${rule.article}）`,
  };
}
