import { childPointer, tokensOf } from '../pointer';
import { getIn, setIn } from './immutable';
import { type Listener, PathTrie } from './path-trie';

/** What changed: `kind` tells validation whether one value or a whole list moved. */
export interface Change {
  pointer: string;
  kind: 'value' | 'rows' | 'replace';
  /** For `rows`: a row was added after the last one, so no other row's errors moved. */
  appended?: boolean;
}

export interface RemovedRow {
  index: number;
  value: unknown;
  key: string;
}

const EMPTY: readonly string[] = Object.freeze([]);

let keySeq = 0;
const newKey = (): string => `r${(++keySeq).toString(36)}`;

/**
 * The form's data outside React, with per-path subscriptions (for useSyncExternalStore):
 * a keystroke re-renders the one control whose value changed. Errors, touched fields and the
 * submit attempt live here too, so a control re-renders only when its own message changes.
 */
export class FormStore {
  private data: unknown;
  private readonly dataTrie = new PathTrie();
  private readonly errorTrie = new PathTrie();
  private readonly changeListeners = new Set<(change: Change) => void>();
  private readonly uiListeners = new Set<Listener>();
  private errors = new Map<string, readonly string[]>();
  private readonly touched = new Set<string>();
  private submitted = false;
  private readonly rowKeyMap = new Map<string, string[]>();
  private step = 0;
  private readonly visitedSteps = new Set<number>();

  constructor(data: unknown) {
    this.data = data;
  }

  // ---- data ----

  getData(): unknown {
    return this.data;
  }

  get(pointer: string): unknown {
    return getIn(this.data, tokensOf(pointer));
  }

  set(pointer: string, value: unknown): void {
    const tokens = tokensOf(pointer);
    if (getIn(this.data, tokens) === value) return;
    this.data = setIn(this.data, tokens, value);
    this.dataTrie.notify(tokens);
    this.emit({ pointer, kind: 'value' });
  }

  /** Replaces everything (restore, import): every subscriber re-reads. */
  replace(data: unknown): void {
    this.data = data;
    this.rowKeyMap.clear();
    this.dataTrie.notify([]);
    this.emit({ pointer: '', kind: 'replace' });
  }

  subscribe(pointer: string, listener: Listener): () => void {
    return this.dataTrie.add(tokensOf(pointer), listener);
  }

  onChange(listener: (change: Change) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private emit(change: Change): void {
    for (const l of this.changeListeners) l(change);
  }

  // ---- array rows with stable keys ----

  private list(pointer: string): unknown[] {
    const v = this.get(pointer);
    return Array.isArray(v) ? v : [];
  }

  /** Stable keys for the rows of an array, so React keeps each row's inputs across reorders. */
  rowKeys(pointer: string): readonly string[] {
    const n = this.list(pointer).length;
    let keys = this.rowKeyMap.get(pointer);
    if (!keys || keys.length !== n) {
      const next = (keys ?? []).slice(0, n);
      while (next.length < n) next.push(newKey());
      keys = next;
      this.rowKeyMap.set(pointer, keys);
    }
    return keys;
  }

  private setRows(pointer: string, rows: unknown[], keys: string[], appended = false): void {
    const tokens = tokensOf(pointer);
    this.data = setIn(this.data, tokens, rows);
    this.rowKeyMap.set(pointer, keys);
    this.dataTrie.notify(tokens);
    this.emit(appended ? { pointer, kind: 'rows', appended } : { pointer, kind: 'rows' });
  }

  insertRow(pointer: string, index: number, value: unknown, key = newKey()): void {
    const rows = this.list(pointer).slice();
    const keys = this.rowKeys(pointer).slice();
    const at = Math.max(0, Math.min(index, rows.length));
    const appended = at === rows.length;
    rows.splice(at, 0, value);
    keys.splice(at, 0, key);
    this.setRows(pointer, rows, keys, appended);
  }

  removeRow(pointer: string, index: number): RemovedRow | undefined {
    const rows = this.list(pointer).slice();
    if (index < 0 || index >= rows.length) return undefined;
    const keys = this.rowKeys(pointer).slice();
    const [value] = rows.splice(index, 1);
    const [key] = keys.splice(index, 1);
    this.shiftRowState(pointer, index, -1);
    this.setRows(pointer, rows, keys);
    return { index, value, key: key as string };
  }

  moveRow(pointer: string, from: number, to: number): void {
    const rows = this.list(pointer).slice();
    if (from === to || from < 0 || to < 0 || from >= rows.length || to >= rows.length) return;
    const keys = this.rowKeys(pointer).slice();
    const [row] = rows.splice(from, 1);
    rows.splice(to, 0, row);
    const [key] = keys.splice(from, 1);
    keys.splice(to, 0, key as string);
    this.setRows(pointer, rows, keys);
  }

  /** Touched marks follow their row when rows above it go away. */
  private shiftRowState(pointer: string, removed: number, delta: number): void {
    const prefix = `${pointer}/`;
    const moved: string[] = [];
    for (const t of this.touched) {
      if (!t.startsWith(prefix)) continue;
      const rest = t.slice(prefix.length);
      const slash = rest.indexOf('/');
      const idx = Number(slash < 0 ? rest : rest.slice(0, slash));
      if (idx < removed) continue;
      this.touched.delete(t);
      if (idx > removed)
        moved.push(childPointer(pointer, idx + delta) + (slash < 0 ? '' : rest.slice(slash)));
    }
    for (const m of moved) this.touched.add(m);
  }

  // ---- errors and their visibility ----

  /** Replaces the error map; only paths whose messages changed are woken. */
  setErrors(next: Map<string, readonly string[]>): void {
    const prev = this.errors;
    this.errors = next;
    const changed: string[] = [];
    for (const [path, msgs] of next) {
      const old = prev.get(path);
      if (!old || !sameList(old, msgs)) changed.push(path);
      else next.set(path, old); // keep identity so snapshots stay equal
    }
    for (const path of prev.keys()) if (!next.has(path)) changed.push(path);
    for (const path of changed) this.errorTrie.notify(tokensOf(path));
    if (changed.length > 0) this.emitUi();
  }

  /** Keeps the errors `keep` accepts and adds `errors` (one row or section re-validated). */
  patchErrors(keep: (path: string) => boolean, errors: ReadonlyMap<string, readonly string[]>): void {
    const next = new Map<string, readonly string[]>();
    for (const [path, msgs] of this.errors) if (keep(path)) next.set(path, msgs);
    for (const [path, msgs] of errors) next.set(path, msgs);
    this.setErrors(next);
  }

  allErrors(): ReadonlyMap<string, readonly string[]> {
    return this.errors;
  }

  /** All messages at a path, whether or not they are shown yet. */
  errorsAt(pointer: string): readonly string[] {
    return this.errors.get(pointer) ?? EMPTY;
  }

  /** Messages to show at a path: after the field was touched, or after a submit attempt. */
  visibleErrorsAt(pointer: string): readonly string[] {
    const e = this.errors.get(pointer);
    if (!e) return EMPTY;
    return this.submitted || this.touched.has(pointer) ? e : EMPTY;
  }

  isVisible(pointer: string): boolean {
    return this.submitted || this.touched.has(pointer);
  }

  subscribeErrors(pointer: string, listener: Listener): () => void {
    return this.errorTrie.add(tokensOf(pointer), listener);
  }

  touch(pointer: string): void {
    if (this.touched.has(pointer)) return;
    this.touched.add(pointer);
    if (this.errors.has(pointer)) {
      this.errorTrie.notifyExact(tokensOf(pointer));
      this.emitUi();
    }
  }

  isTouched(pointer: string): boolean {
    return this.touched.has(pointer);
  }

  get submitAttempted(): boolean {
    return this.submitted;
  }

  setSubmitAttempted(value: boolean): void {
    if (this.submitted === value) return;
    this.submitted = value;
    this.errorTrie.notify([]);
    this.emitUi();
  }

  // ---- a field to focus as soon as it mounts (a new row's first cell) ----

  private focusRequest: string | undefined;

  /** The field at `pointer`, about to be created, should get the focus when it mounts. */
  requestFocus(pointer: string | undefined): void {
    this.focusRequest = pointer;
  }

  focusRequested(pointer: string): boolean {
    return this.focusRequest === pointer;
  }

  // ---- wizard position (saved with the draft) ----

  get currentStep(): number {
    return this.step;
  }

  /** The step a restored draft was on (not a visit: its counts stay hidden). */
  restoreStep(step: number): void {
    this.step = Math.max(0, step);
    this.emitUi();
  }

  setStep(step: number): void {
    if (step === this.step) return;
    this.visitedSteps.add(this.step);
    this.step = step;
    this.emitUi();
  }

  /** Steps the applicant has been on and left: their error counts are shown. */
  wasVisited(step: number): boolean {
    return this.visitedSteps.has(step);
  }

  /** Wizard, summary and counters: anything that depends on errors, touch or step as a whole. */
  subscribeUi(listener: Listener): () => void {
    this.uiListeners.add(listener);
    return () => this.uiListeners.delete(listener);
  }

  private uiVersion = 0;
  get version(): number {
    return this.uiVersion;
  }

  private emitUi(): void {
    this.uiVersion++;
    for (const l of [...this.uiListeners]) l();
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
