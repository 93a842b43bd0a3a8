import { useCallback, useState } from 'react';

/**
 * Whether a cell should render its full content (e.g. a select's thirty-odd options). A table
 * of a hundred rows would otherwise hold thousands of option elements that cost its first
 * paint ~100 ms; each cell fills in when it is focused or pressed, before its list opens, and
 * nothing is done in the background while the applicant types.
 */
export function useLazyFill(): { full: boolean; fill: () => void } {
  const [full, setFull] = useState(false);
  const fill = useCallback(() => setFull(true), []);
  return { full, fill };
}
