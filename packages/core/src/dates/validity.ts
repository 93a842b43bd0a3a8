export interface ValidityResult {
  within: boolean;
  from: string;
  to: string;
  reason: string | undefined;
}

/** Whether a date (or date-time) lies in the period the measures are in force. */
export function withinValidity(
  validity: { from: string; to: string; article: string },
  date: string,
): ValidityResult {
  const day = date.slice(0, 10);
  const within = day >= validity.from && day <= validity.to;
  return {
    within,
    from: validity.from,
    to: validity.to,
    reason: within
      ? undefined
      : `${day}不在本办法有效期（${validity.from}至${validity.to}，${validity.article}）内`,
  };
}
