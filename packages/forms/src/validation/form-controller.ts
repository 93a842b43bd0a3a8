import type { Program } from '@shenbao/core';
import { afterPaint, idleDebounce, whenIdle } from '../scheduling';
import type { SchemaNode } from '../schema';
import type { Change, FormStore } from '../store/form-store';
import { type ExtraChecks, FormValidator, inUnit } from './form-validator';

export interface ControllerOptions {
  /** Quiet time before the whole document is validated again (ms). */
  fullDelay?: number;
  /** Rules beyond the schema, validated with it. */
  extra?: ExtraChecks;
}

/**
 * Wires a store to validation: the changed row or section at once, the whole document
 * when typing pauses. Nothing here runs per control, so cost does not grow with the form.
 */
export class FormController {
  readonly validator: FormValidator;
  /** The whole document, validated again once the applicant pauses. */
  private readonly full: { call: () => void; cancel: () => void };
  private stop: (() => void) | undefined;

  constructor(
    readonly program: Program,
    readonly schema: SchemaNode,
    readonly uischema: unknown,
    readonly store: FormStore,
    options: ControllerOptions = {},
  ) {
    this.validator = new FormValidator(program, schema, uischema, options.extra);
    // The changed row is validated at once; the whole document (tens of ms at 4× CPU with a
    // hundred rows) waits for a real pause, not the gap between two keystrokes.
    this.full = idleDebounce(() => this.validateAll(), options.fullDelay ?? 1000, 1000);
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
    const first = idleDebounce(() => this.validateAll(), 0, 1500);
    first.call();
    this.stop = () => {
      off();
      first.cancel();
      this.full.cancel();
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
   * Passing over the button again costs a cache lookup.
   */
  prepareRows(pointer: string): void {
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
      if (change.appended) whenIdle(() => this.validateUnit(unit), 300);
      else afterPaint(() => this.validateUnit(unit));
    } else this.validateUnit(unit);
    this.full.call();
  }

  private validateUnit(unit: string): void {
    const errors = this.validator.unit(this.store.getData(), unit);
    if (errors) this.store.patchErrors((p) => !inUnit(unit)(p), errors);
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
