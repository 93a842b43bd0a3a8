import type { DragEvent } from 'react';

/** The drag payload type: the list's pointer and the dragged row's index. */
const ROW_TYPE = 'application/x-shenbao-row';

export type DropSide = 'before' | 'after';

/** Where a row dragged from `from` lands when dropped on the `side` of row `target`. */
export function dropIndex(from: number, target: number, side: DropSide): number {
  const at = side === 'before' ? target : target + 1;
  return from < at ? at - 1 : at;
}

function rowOf(e: DragEvent<HTMLElement>): { tr: HTMLElement; index: number } | undefined {
  const tr = (e.target as HTMLElement).closest<HTMLElement>('tr[data-row]');
  if (!tr) return undefined;
  return { tr, index: Number(tr.dataset.row) };
}

function clearMarks(body: HTMLElement): void {
  body.querySelectorAll('.sb-drop-before, .sb-drop-after').forEach((el) => {
    el.classList.remove('sb-drop-before', 'sb-drop-after');
  });
}

/**
 * Drag-and-drop reordering of a table's rows with one set of handlers on the <table> (rows are in several
 * <tbody> blocks), so rows
 * carry none: the row-number cell is the handle; a line shows where the row will land.
 * Keyboard users have the ↑/↓ buttons of each row.
 */
export function rowDragHandlers(pointer: string, onMove: (from: number, to: number) => void) {
  let from: number | undefined;
  const sideOf = (e: DragEvent<HTMLElement>, tr: HTMLElement): DropSide => {
    const r = tr.getBoundingClientRect();
    return e.clientY < r.top + r.height / 2 ? 'before' : 'after';
  };
  return {
    onDragStart(e: DragEvent<HTMLElement>): void {
      const handle = (e.target as HTMLElement).closest?.('[data-drag-handle]');
      const row = rowOf(e);
      if (!handle || !row) return;
      from = row.index;
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData(ROW_TYPE, `${pointer}#${row.index}`);
      e.dataTransfer.setData('text/plain', `第${row.index + 1}项`);
      row.tr.classList.add('sb-dragging');
    },
    onDragOver(e: DragEvent<HTMLElement>): void {
      if (from === undefined || !e.dataTransfer.types.includes(ROW_TYPE)) return;
      const row = rowOf(e);
      if (!row) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      const side = sideOf(e, row.tr);
      const cls = side === 'before' ? 'sb-drop-before' : 'sb-drop-after';
      if (!row.tr.classList.contains(cls)) {
        clearMarks(e.currentTarget);
        row.tr.classList.add(cls);
      }
    },
    onDragLeave(e: DragEvent<HTMLElement>): void {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) clearMarks(e.currentTarget);
    },
    onDrop(e: DragEvent<HTMLElement>): void {
      const row = rowOf(e);
      const start = from;
      clearMarks(e.currentTarget);
      if (start === undefined || !row) return;
      // Only rows of this very list: a drag from another table carries another pointer.
      if (e.dataTransfer.getData(ROW_TYPE) !== `${pointer}#${start}`) return;
      e.preventDefault();
      const to = dropIndex(start, row.index, sideOf(e, row.tr));
      if (to !== start) onMove(start, to);
    },
    onDragEnd(e: DragEvent<HTMLElement>): void {
      from = undefined;
      clearMarks(e.currentTarget);
      e.currentTarget.querySelectorAll('.sb-dragging').forEach((el) => {
        el.classList.remove('sb-dragging');
      });
    },
  };
}
