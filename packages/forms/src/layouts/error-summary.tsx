import { useFormContext } from '../context';
import { useUiVersion } from '../hooks';
import { announceReveal } from '../table/reveal-field';
import { errorEntries } from '../validation/steps';

/** Moves to the step of a field and puts the cursor in it (or on its table). */
export function focusField(path: string): void {
  const tries = [0, 16, 50, 120, 250];
  // A field in a table row's closed form appears once its row opens.
  announceReveal(path);
  const attempt = (i: number): void => {
    const esc = path.replace(/"/g, '\\"');
    const el =
      document.querySelector<HTMLElement>(`[data-path="${esc}"]`) ??
      document.querySelector<HTMLElement>(`[data-path^="${esc}/"]`) ??
      document.querySelector<HTMLElement>(`[data-array-path="${esc}"]`);
    if (el) {
      if (el.tagName === 'DETAILS' || el.tagName === 'SECTION') el.setAttribute('tabindex', '-1');
      el.scrollIntoView({ block: 'center' });
      el.focus();
      return;
    }
    const next = tries[i + 1];
    if (next !== undefined) setTimeout(() => attempt(i + 1), next);
  };
  attempt(0);
}

export const ERROR_SUMMARY_ID = 'sb-error-summary';

/**
 * After a submit attempt: every problem, by step, each a link to its field. The list
 * is a live region so screen readers hear it, and takes focus when submission fails.
 */
export function ErrorSummary() {
  const { store, steps } = useFormContext();
  useUiVersion();
  if (!store.submitAttempted) return null;
  const entries = errorEntries(steps, store.allErrors());
  if (entries.length === 0) return null;
  const shown = entries.slice(0, 50);
  return (
    <div
      className="sb-summary"
      id={ERROR_SUMMARY_ID}
      role="alert"
      tabIndex={-1}
      aria-labelledby={`${ERROR_SUMMARY_ID}-title`}
    >
      <h2 id={`${ERROR_SUMMARY_ID}-title`}>尚有 {entries.length} 处需要修改，修改后才能提交</h2>
      <ul>
        {shown.map((e) => (
          <li key={`${e.path}|${e.message}`}>
            <a
              href={`#${e.path}`}
              onClick={(ev) => {
                ev.preventDefault();
                if (e.step >= 0) store.setStep(e.step);
                focusField(e.path);
              }}
            >
              {e.step >= 0 && steps[e.step] ? `${steps[e.step]?.label}：` : ''}
              {e.message}
            </a>
          </li>
        ))}
      </ul>
      {entries.length > shown.length && <p>另有 {entries.length - shown.length} 处未列出。</p>}
    </div>
  );
}
