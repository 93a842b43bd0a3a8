const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Opens the browser's own calendar for a date field: a transient `<input type="date">` laid
 * over `anchor` (so the calendar opens below the field), removed once a day is picked or the
 * calendar is dismissed. Typing stays the main way in; this is the pop-up for those who prefer it.
 */
export function openDatePicker(anchor: HTMLElement, current: unknown, onPick: (iso: string) => void): void {
  const doc = anchor.ownerDocument;
  doc.querySelectorAll('input[data-sb-picker]').forEach((el) => {
    el.remove();
  });
  const r = anchor.getBoundingClientRect();
  const input = doc.createElement('input');
  input.type = 'date';
  input.dataset.sbPicker = '';
  input.tabIndex = -1;
  input.setAttribute('aria-hidden', 'true');
  Object.assign(input.style, {
    position: 'fixed',
    left: `${r.left}px`,
    top: `${r.top}px`,
    width: `${r.width}px`,
    height: `${r.height}px`,
    opacity: '0',
    pointerEvents: 'none',
    border: '0',
    padding: '0',
  });
  if (typeof current === 'string' && ISO_DATE.test(current)) input.value = current;
  const done = (): void => {
    input.remove();
    doc.removeEventListener('pointerdown', outside, true);
  };
  const outside = (e: Event): void => {
    if (e.target !== input) done();
  };
  input.addEventListener('change', () => {
    if (ISO_DATE.test(input.value)) onPick(input.value);
    done();
  });
  input.addEventListener('cancel', done);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') done();
  });
  doc.body.append(input);
  doc.addEventListener('pointerdown', outside, true);
  try {
    input.showPicker();
  } catch {
    // No showPicker (older browsers): the field itself becomes a visible native date input.
    Object.assign(input.style, { opacity: '1', pointerEvents: 'auto' });
    input.removeAttribute('aria-hidden');
    input.focus();
  }
}

/** A small calendar glyph for the picker buttons (decorative: the button carries the name). */
export function CalendarIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
      <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" fill="none" />
      <rect x="4" y="8.5" width="2" height="2" fill="currentColor" />
      <rect x="7" y="8.5" width="2" height="2" fill="currentColor" />
      <rect x="10" y="8.5" width="2" height="2" fill="currentColor" />
    </svg>
  );
}
