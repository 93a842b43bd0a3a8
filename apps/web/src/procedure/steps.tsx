import type { Program } from '@shenbao/core';
import type { ProcedureStateView, TimelineEntry } from './api';
import { zonedDate } from './clock';

type Status = 'done' | 'current' | 'failed' | 'todo';

interface StepRow {
  id: string;
  title: string;
  status: Status;
  /** When the application (last) entered this step. */
  at: string | undefined;
}

const stepOf = (program: Program, state: string): string | undefined =>
  program.manifest.procedure.states.find((s) => s.id === state)?.step;

/**
 * The programme's steps (procedure.steps) with where the application stands: steps before the
 * current one done, the current one current — or failed when the application ended rejected
 * there (the step it was in when it was rejected) — and the rest to come. A final state that
 * is not a rejection completes every step up to its own.
 */
export function stepRows(program: Program, state: ProcedureStateView, timeline: TimelineEntry[]): StepRow[] {
  const steps = program.manifest.procedure.steps;
  const ids = steps.map((s) => s.id);
  let current = stepOf(program, state.id);
  let failed = false;
  if (current === undefined && state.final) {
    const last = [...timeline].reverse().find((t) => t.to === state.id);
    current = last ? stepOf(program, last.from) : undefined;
    failed = state.outcome === 'rejected';
  }
  const index = current === undefined ? -1 : ids.indexOf(current);
  const entered = new Map<string, string>();
  for (const t of timeline) {
    const from = stepOf(program, t.from);
    const to = stepOf(program, t.to);
    if (to !== undefined && to !== from) entered.set(to, t.at);
    // The first step is never entered from another: its date is that of its first action (提交申报).
    if (from !== undefined && !entered.has(from)) entered.set(from, t.at);
  }
  return steps.map((s, i) => {
    let status: Status = 'todo';
    if (i < index) status = 'done';
    else if (i === index) status = failed ? 'failed' : state.final ? 'done' : 'current';
    return { id: s.id, title: s.title, status, at: i <= index ? entered.get(s.id) : undefined };
  });
}

const STATUS_TEXT: Record<Status, string> = {
  done: '已完成',
  current: '当前环节',
  failed: '未通过',
  todo: '未开始',
};

/** The steps as an ordered list, the current one marked for assistive technology too. */
export function StepBar({
  program,
  state,
  timeline,
}: {
  program: Program;
  state: ProcedureStateView;
  timeline: TimelineEntry[];
}) {
  const rows = stepRows(program, state, timeline);
  const tz = program.manifest.timezone;
  return (
    <ol className="step-bar" aria-label="办理环节" data-testid="step-bar">
      {rows.map((r, i) => (
        <li
          key={r.id}
          className={`step step-${r.status}`}
          data-step={r.id}
          data-status={r.status}
          aria-current={r.status === 'current' ? 'step' : undefined}
        >
          <span className="step-no" aria-hidden="true">
            {r.status === 'done' ? '✓' : r.status === 'failed' ? '✕' : i + 1}
          </span>
          <span className="step-title">{r.title}</span>
          <span className="step-status">
            {STATUS_TEXT[r.status]}
            {r.at ? ` · ${zonedDate(r.at, tz)}` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}
