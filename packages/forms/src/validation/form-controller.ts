import type { Program } from '@shenbao/core';
import type { SchemaNode } from '../schema';
import type { Change, FormStore } from '../store/form-store';
import { FormValidator, inUnit } from './form-validator';

export interface ControllerOptions {
  /** Quiet time before the whole document is validated again (ms). */
  fullDelay?: number;
}

type Idle = (cb: () => void, opts?: { timeout: number }) => number;

const requestIdle: Idle =
  (globalThis as { requestIdleCallback?: Idle }).requestIdleCallback?.bind(globalThis) ??
  ((cb) => setTimeout(cb, 0) as unknown as number);

/** Runs `fn` after the next frame has been painted (at once where there are no frames). */
function afterPaint(fn: () => void): void {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame;
  if (raf) raf(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}

/**
 * Wires a store to validation: the changed row or section at once, the whole document
 * when typing pauses. Nothing here runs per control, so cost does not grow with the form.
 */
export class FormController {
  readonly validator: FormValidator;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly fullDelay: number;
  private stop: (() => void) | undefined;
  private readonly preparedLists = new Set<string>();

  constructor(
    readonly program: Program,
    readonly schema: SchemaNode,
    readonly uischema: unknown,
    readonly store: FormStore,
    options: ControllerOptions = {},
  ) {
    this.validator = new FormValidator(program, schema, uischema);
    // The changed row is validated at once; the whole document (tens of ms at 4× CPU with a
    // hundred rows) waits for a real pause, not the gap between two keystrokes.
    this.fullDelay = options.fullDelay ?? 1000;
  }

  /**
   * Starts listening. The first whole-document validation (and the compilation of its
   * validator) waits for idle time, so the form paints first. A row's or section's own
   * validator is compiled when one of its fields gets focus (`prepare`), not in the
   * background: on a slow machine each compilation is tens of milliseconds that would
   * otherwise land between the applicant's keystrokes.
   */
  start(): () => void {
    const off = this.store.onChange((c) => this.changed(c));
    let stopped = false;
    const first = setTimeout(() =>
      requestIdle(
        () => {
          if (!stopped) this.validateAll();
        },
        { timeout: 1500 },
      ),
    );
    this.stop = () => {
      stopped = true;
      off();
      clearTimeout(first);
      if (this.timer) clearTimeout(this.timer);
    };
    return this.stop;
  }

  /**
   * A field at `pointer` got focus: have its unit's validator ready before the first key.
   * Compiled once the focus has painted (a new row's first field is focused by code, in the
   * frame that shows the row).
   */
  prepare(pointer: string): void {
    afterPaint(() => this.validator.prepare(pointer));
  }

  /**
   * The pointer reached (or the focus landed on) the add-row button of the list at `pointer`:
   * compile the list's validator now, while the applicant is still on the way to the click,
   * so adding the first row does not pay for it (the list is validated again after each add).
   */
  prepareRows(pointer: string): void {
    if (this.preparedLists.has(pointer)) return;
    this.preparedLists.add(pointer);
    this.validator.prepare(pointer, 'rows');
  }

  private changed(change: Change): void {
    if (change.kind === 'replace') {
      this.validateAll();
      return;
    }
    const unit = this.validator.unitOf(change.pointer, change.kind);
    if (change.kind === 'rows') {
      // A list changed shape (add, remove, move): the whole list is its unit, which costs far more
      // than a keystroke's row. Let the change paint first. After a remove or a move the other rows'
      // errors sit at old positions, so the list is checked right after that paint; a row added at
      // the end moves nothing and its own errors stay hidden until it is touched, so its check
      // waits for an idle moment (within 300 ms) instead of delaying the frames that scroll to it.
      if (change.appended) requestIdle(() => this.validateUnit(unit), { timeout: 300 });
      else afterPaint(() => this.validateUnit(unit));
    } else this.validateUnit(unit);
    this.scheduleFull();
  }

  private validateUnit(unit: string): void {
    const errors = this.validator.unit(this.store.getData(), unit);
    if (errors) this.store.patchErrors((p) => !inUnit(unit)(p), errors);
  }

  private scheduleFull(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      requestIdle(() => this.validateAll(), { timeout: 1000 });
    }, this.fullDelay);
  }

  /** Validates everything now (on load, on submit). Returns the error count. */
  validateAll(): number {
    const errors = this.validator.full(this.store.getData());
    this.store.setErrors(errors);
    return errors.size;
  }

  /** Submission: validate now, show every error, and say whether it may go. */
  trySubmit(): boolean {
    const count = this.validateAll();
    this.store.setSubmitAttempted(true);
    return count === 0;
  }
}
