/**
 * Application states the server itself sets. The procedure after submission (形式审查, 评审 …)
 * will come from program.json; these three belong to the applicant's side of it.
 */
export const DRAFT = 'draft';
export const SUBMITTED = 'submitted';
export const WITHDRAWN = 'withdrawn';

/**
 * States in which the application is the applicant's workspace: editable by it, and not
 * shown to the bureau (a withdrawn application is being corrected, like a draft).
 */
export const EDITABLE_STATES: readonly string[] = [DRAFT, WITHDRAWN];

export const isEditable = (state: string): boolean => EDITABLE_STATES.includes(state);
