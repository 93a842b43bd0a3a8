import { type ConditionResult, type EligibilityResult, eligibility, type Program } from '@shenbao/core';
import { type FormStore, idleDebounce } from '@shenbao/forms';
import { useEffect, useState } from 'react';

const PANEL_ID = 'eligibility-panel';

/**
 * The programme's basic conditions and materials, each met or not with its reasons
 * (core's eligibility), recomputed a moment after the applicant stops typing.
 */
export function EligibilityPanel({
  program,
  store,
  targets,
}: {
  program: Program;
  store: FormStore;
  targets: unknown;
}) {
  const [result, setResult] = useState<EligibilityResult | undefined>();
  useEffect(() => {
    let last = '';
    const run = (): void => {
      const next = eligibility(program, store.getData(), targets);
      // Same verdicts as shown: no re-render (the panel is a sticky scroller; repainting it
      // while the applicant types costs a frame at 4× CPU).
      const sig = JSON.stringify(next);
      if (sig === last) return;
      last = sig;
      setResult(next);
    };
    run();
    const later = idleDebounce(run, 600, 1000);
    const off = store.onChange(later.call);
    return () => {
      off();
      later.cancel();
    };
  }, [program, store, targets]);
  if (!result) return null;
  const metCount = result.conditions.filter((c) => c.met).length;
  const matCount = result.materials.filter((c) => c.met).length;
  const showPanel = (): void => {
    const panel = document.getElementById(PANEL_ID);
    panel?.scrollIntoView({ block: 'start' });
    panel?.focus({ preventScroll: true });
  };
  return (
    <>
      {/* Narrow screens, where the panel sits under the whole form: the verdict stays at the
          window's bottom edge (sticky) and opens the panel. Hidden beside the form (app.css). */}
      <button type="button" className="elig-bar" data-testid="eligibility-bar" onClick={showPanel}>
        <span className={result.met ? 'elig-ok' : 'elig-no'}>
          {result.met ? '✓ 已满足全部条件' : '尚未满足全部条件'}
        </span>
        <span>
          基本条件 {metCount}/{result.conditions.length}，材料 {matCount}/{result.materials.length}
        </span>
        <span className="elig-bar-go">查看 ›</span>
      </button>
      <aside
        id={PANEL_ID}
        className="eligibility"
        aria-labelledby="elig-title"
        data-eligible={result.met}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the panel scrolls on its own; keyboard users must reach it (axe scrollable-region-focusable)
        tabIndex={0}
      >
        <h2 id="elig-title">申报条件自查</h2>
        <p
          className={result.met ? 'elig-ok' : 'elig-no'}
          aria-live="polite"
          data-testid="eligibility-summary"
        >
          {result.met ? '✓ 已满足全部基本条件和材料要求' : '尚未满足全部条件'}
        </p>
        <h3>
          基本条件（{metCount}/{result.conditions.length}）
        </h3>
        <ul>
          {result.conditions.map((c) => (
            <Condition key={c.id} c={c} />
          ))}
        </ul>
        <h3>
          申报材料（{matCount}/{result.materials.length}）
        </h3>
        <ul>
          {result.materials.map((c) => (
            <Condition key={c.id} c={c} />
          ))}
        </ul>
      </aside>
    </>
  );
}

function Condition({ c }: { c: ConditionResult }) {
  return (
    <li className={c.met ? 'met' : 'unmet'} data-condition={c.id} data-met={c.met}>
      <span className="mark" aria-hidden="true">
        {c.met ? '✓' : '✗'}
      </span>
      <span>
        <strong>{c.article}</strong> {c.title}
        <span className="sr-only">{c.met ? '（已满足）' : '（未满足）'}</span>
        {!c.met && (
          <ul className="reasons">
            {[...new Set(c.reasons)].map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </span>
    </li>
  );
}
