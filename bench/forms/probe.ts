/** Types and loader for the in-page probe (probe.browser.js). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the probe finds an element: a CSS selector, or a cell of the table with that title. */
/** `open`: a button that shows the field first (a table row's form, opened as a person would). */
export type FieldLocator = { css: string; open?: string } | { table: string; column: string; row: number };
export type RowsLocator = { css: string } | { table: string };

export interface ProbeConfig {
  /** The text field keystrokes go to. */
  field: FieldLocator;
  /** One element per row of the measured array (for cold render and adding a row). */
  rows?: RowsLocator;
  /** Rows the page shows once rendered (cold render ends when they are all in the DOM). */
  expectedRows: number;
  /** The button that adds a row to that array. */
  add?: RowsLocator;
}

export interface KeyRecord {
  index: number;
  /** performance.now() in the keydown capture listener. */
  t0: number;
  /** The event's own timestamp (when the browser received it), to see input queueing delay. */
  eventTime: number;
  /** After the frame that shows the value (and a valid state) was presented. */
  t1: number | null;
  timedOut: boolean;
}

export interface LongTask {
  start: number;
  duration: number;
}

export interface TypingOutcome {
  initial: string;
  typed: string;
  keydowns: number;
  records: KeyRecord[];
  finalValue: string | null;
  longTasks: LongTask[];
  window: { first: number; last: number };
}

export interface AddRecord {
  t0: number;
  t1: number | null;
  before: number;
  after: number | null;
  timedOut: boolean;
}

/** What the probe keeps on `window.__bench`. */
export interface Probe {
  cold: { domAt: number | null; paintAt: number | null };
  longTasks: LongTask[];
  adds: AddRecord[];
  longTasksUnsupported?: boolean;
  rowCount(): number;
  prepareField(): { value: string; tag: string } | null;
  caretToEnd(): boolean;
  startTyping(text: string): string;
  typingSettled(): boolean;
  finishTyping(): TypingOutcome;
  markAddButton(): boolean;
}

declare global {
  interface Window {
    __bench: Probe;
    __benchConfig: ProbeConfig;
  }
}

let source: string | undefined;

/** The init script: config first, then the probe. */
export function probeScript(config: ProbeConfig): string {
  source ??= readFileSync(join(import.meta.dirname, 'probe.browser.js'), 'utf8');
  return `window.__benchConfig = ${JSON.stringify(config)};\n${source}`;
}
