import { isCategorization, type OwnPropsOfRenderer, rankWith, type UISchemaElement } from '@jsonforms/core';
import Button from '@mui/material/Button';
import { memo, useEffect, useRef } from 'react';
import { useFormContext } from '../context';
import { useUiVersion } from '../hooks';
import { countsPerStep, showStepCount } from '../validation/steps';
import { Child, childrenOf } from './dispatch';
import { ERROR_SUMMARY_ID, ErrorSummary } from './error-summary';

/** The active step's fields; memoised so the stepper's error counts never re-render them. */
const StepContent = memo(function StepContent({
  element,
  parent,
}: {
  element: UISchemaElement;
  parent: OwnPropsOfRenderer;
}) {
  return (
    <div className="sb-vertical">
      {childrenOf(element).map((el, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: layout elements are a fixed list
        <Child key={i} element={el} parent={parent} />
      ))}
    </div>
  );
});

/**
 * A Categorization as a wizard: one step per Category, each with its number of problems
 * once the applicant has left it; free movement between steps; submission only when the
 * whole application is valid, otherwise a summary of what to fix.
 */
export function Wizard(props: OwnPropsOfRenderer) {
  const ctx = useFormContext();
  const { store, steps, controller } = ctx;
  useUiVersion();
  const current = Math.min(store.currentStep, Math.max(0, steps.length - 1));
  const counts = countsPerStep(steps, store.allErrors());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const barRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // A step bar that scrolls sideways (a phone) shows the current step, centred when it can be.
  useEffect(() => {
    const bar = barRef.current;
    const button = bar?.querySelector(`[data-step="${current}"]`);
    if (!bar || !button || bar.scrollWidth <= bar.clientWidth) return;
    const b = button.getBoundingClientRect();
    const r = bar.getBoundingClientRect();
    bar.scrollLeft += b.left - r.left - (r.width - b.width) / 2;
  }, [current]);

  // Moving between steps puts focus on the new step's title (keyboard and screen readers).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    headingRef.current?.focus({ preventScroll: true });
    headingRef.current?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const step = steps[current];
  const go = (i: number): void => store.setStep(i);
  const submit = (): void => {
    if (controller.trySubmit()) ctx.onSubmit?.(store.getData());
    else requestAnimationFrame(() => document.getElementById(ERROR_SUMMARY_ID)?.focus());
  };
  const total = counts.reduce((a, b) => a + b, 0);

  return (
    <div className="sb-wizard">
      <nav aria-label="填报步骤" className="sb-stepper" ref={barRef}>
        {/* Plain markup and our own CSS (styles.ts), not MUI's Stepper: its styled parts cost the
            page's first render ~15 ms of style serialisation for eight buttons. */}
        <ol className="sb-steps">
          {steps.map((s, i) => {
            const shown = showStepCount(i, current, store.wasVisited(i), store.submitAttempted);
            const n = counts[i] ?? 0;
            const done = shown && n === 0;
            const active = i === current;
            return (
              <li
                key={s.label}
                className={`sb-steps-item${active ? ' sb-steps-active' : ''}${done ? ' sb-steps-done' : ''}`}
              >
                <button
                  type="button"
                  className="sb-steps-button"
                  onClick={() => go(i)}
                  data-step={i}
                  aria-current={active ? 'step' : undefined}
                >
                  <span className="sb-steps-icon" aria-hidden="true">
                    {done ? '✓' : i + 1}
                  </span>
                  <span className="sb-steps-label">
                    {s.label}
                    {done && <span className="sb-sr">（已填写完整）</span>}
                  </span>
                  {shown && n > 0 && (
                    <span className="sb-step-count" data-step-errors={n}>
                      {n} 处待修改
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <ErrorSummary />
      {step && (
        <section className="sb-step" aria-labelledby="sb-step-title">
          <h2 id="sb-step-title" className="sb-step-title" tabIndex={-1} ref={headingRef}>
            {step.label}
          </h2>
          <StepContent key={current} element={step.element as UISchemaElement} parent={props} />
        </section>
      )}
      <div className="sb-wizard-nav">
        <Button variant="outlined" disabled={current === 0} onClick={() => go(current - 1)}>
          上一步
        </Button>
        <span className="sb-step-of">
          第 {current + 1} 步，共 {steps.length} 步
        </span>
        {current < steps.length - 1 ? (
          <Button variant="contained" onClick={() => go(current + 1)}>
            下一步
          </Button>
        ) : (
          <Button variant="contained" color="primary" onClick={submit} data-submit="">
            {ctx.submitLabel ?? '提交'}
          </Button>
        )}
      </div>
      {store.submitAttempted && total === 0 && <p className="sb-ok">所有步骤均已填写完整。</p>}
    </div>
  );
}

export const wizardEntry = { tester: rankWith(2, isCategorization), renderer: Wizard };

/** For forms without steps: the summary and a submit button under the form. */
export function FormFooter() {
  const ctx = useFormContext();
  if (!ctx.onSubmit) return null;
  return (
    <div className="sb-footer">
      <ErrorSummary />
      <Button
        variant="contained"
        data-submit=""
        onClick={() => {
          if (ctx.controller.trySubmit()) ctx.onSubmit?.(ctx.store.getData());
          else requestAnimationFrame(() => document.getElementById(ERROR_SUMMARY_ID)?.focus());
        }}
      >
        {ctx.submitLabel ?? '提交'}
      </Button>
    </div>
  );
}
