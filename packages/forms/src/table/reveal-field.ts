/**
 * Dispatched on `document` with a field's pointer (`detail`) before something moves the focus to
 * that field (the error summary's links): a table whose row holds it opens the row's form first.
 */
export const REVEAL_FIELD = 'sb-reveal-field';

export function announceReveal(path: string): void {
  document.dispatchEvent(new CustomEvent(REVEAL_FIELD, { detail: path }));
}
