import { createContext, type ReactNode, useContext } from 'react';

/** True inside a FieldOwner: the fields there have their form already. */
const Owned = createContext(false);

/**
 * Why every field of a table sits in a small <form> of its own (never submitted, no room taken):
 * Chromium's autofill reads the whole form of the field that takes the focus, and of a textarea
 * whose caret moves (every keystroke). A field outside any form shares one with every other such
 * field of the page — a hundred rows of <select>s, each checked for visibility, and a row whose
 * rendering is skipped (content-visibility) laid out alone for it: 3 ms a key in a textarea,
 * 60-100 ms to focus a new row's first cell (bench/forms/README.md).
 */
export function FieldOwner({ className, children }: { className: string; children: ReactNode }) {
  return (
    <Owned.Provider value={true}>
      <form className={className} onSubmit={(e) => e.preventDefault()} noValidate>
        {children}
      </form>
    </Owned.Provider>
  );
}

/**
 * The form of a cell's own controls (a select, a live input), unless a FieldOwner is around it
 * already (a row's form). A cell whose stand-in has no control (a text cell until it is edited)
 * adds no element at all: 200 fewer in a hundred rows of two text cells.
 */
export function OwnField({ children }: { children: ReactNode }) {
  return useContext(Owned) ? children : <FieldOwner className="sb-cell-owner">{children}</FieldOwner>;
}

const owning = new WeakSet<object>();

/**
 * Marks a cell component that wraps its own controls in `OwnField` (the built-in text, select and
 * multiple-choice cells): a compact row puts no form around it. Any other cell a programme registers
 * is wrapped whole by the row, as before.
 */
export function ownsItsForm<C extends object>(cell: C): C {
  owning.add(cell);
  return cell;
}

/** Whether a cell component keeps its controls in a form of its own (`ownsItsForm`). */
export const hasOwnForm = (cell: object): boolean => owning.has(cell);
