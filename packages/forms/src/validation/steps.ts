import { isUnder } from '../pointer';
import { controlPointers } from './hidden';

export interface StepInfo {
  label: string;
  element: unknown;
  pointers: string[];
}

interface Layout {
  type?: string;
  label?: string;
  elements?: unknown[];
}

const stepsCache = new WeakMap<object, StepInfo[]>();

/**
 * The wizard's steps: one per Category of a Categorization (nested categorizations flattened).
 * Worked out once per UI schema object (the page that loads a form and the form itself both ask).
 */
export function stepsOf(uischema: unknown): StepInfo[] {
  if (!uischema || typeof uischema !== 'object') return [];
  let steps = stepsCache.get(uischema);
  if (!steps) {
    steps = findSteps(uischema);
    stepsCache.set(uischema, steps);
  }
  return steps;
}

function findSteps(uischema: unknown): StepInfo[] {
  const out: StepInfo[] = [];
  const walk = (el: unknown): void => {
    const l = el as Layout;
    if (!l || typeof l !== 'object') return;
    if (l.type === 'Category')
      out.push({
        label: String(l.label ?? `第${out.length + 1}步`),
        element: l,
        pointers: controlPointers(l),
      });
    else if (l.type === 'Categorization' && Array.isArray(l.elements)) for (const c of l.elements) walk(c);
  };
  walk(uischema);
  return out;
}

/** Which step shows an error at `path` (a field, a row, or a whole section). */
export function stepOfPath(steps: readonly StepInfo[], path: string): number {
  for (let i = 0; i < steps.length; i++)
    for (const p of (steps[i] as StepInfo).pointers) if (isUnder(path, p) || isUnder(p, path)) return i;
  return -1;
}

export interface ErrorEntry {
  path: string;
  message: string;
  step: number;
}

/** Errors in reading order: by step, then as the validator reported them. */
export function errorEntries(
  steps: readonly StepInfo[],
  errors: ReadonlyMap<string, readonly string[]>,
): ErrorEntry[] {
  const out: ErrorEntry[] = [];
  for (const [path, messages] of errors)
    for (const message of messages) out.push({ path, message, step: stepOfPath(steps, path) });
  return out.sort((a, b) => a.step - b.step);
}

/** Error count per step; errors no step shows are counted on none. */
export function countsPerStep(
  steps: readonly StepInfo[],
  errors: ReadonlyMap<string, readonly string[]>,
): number[] {
  const counts = steps.map(() => 0);
  for (const [path, messages] of errors) {
    const s = stepOfPath(steps, path);
    if (s >= 0) counts[s] = (counts[s] ?? 0) + messages.length;
  }
  return counts;
}

/**
 * Whether a step's count is shown: once the applicant has left it, or tried to submit.
 * Before that a fresh form would greet them with a wall of red.
 */
export function showStepCount(step: number, current: number, visited: boolean, submitted: boolean): boolean {
  return submitted || (visited && step !== current);
}
