/** The application states of docs/api.md as applicants and staff read them. */
const STATE_NAMES: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  withdrawn: '已撤回',
};

export function stateName(state: string): string {
  return STATE_NAMES[state] ?? state;
}

/** States a staff member can filter by (drafts are never shown to staff). */
export const STAFF_STATES = ['submitted', 'withdrawn'];
