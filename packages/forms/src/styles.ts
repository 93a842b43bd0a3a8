/** Styles of our own elements (tables, wizard chrome). Plain CSS: a hundred rows need no CSS-in-JS. */
export const FORM_CSS = `
.sb-form { --sb-border: #c4c9d1; --sb-error: #b3261e; --sb-accent: #0b57d0; font-size: 14px; }
.sb-vertical { display: flex; flex-direction: column; gap: 4px; }
.sb-horizontal { display: flex; flex-wrap: wrap; gap: 0 16px; }
.sb-horizontal-item { flex: 1 1 220px; min-width: 0; }
.sb-group { border: 1px solid var(--sb-border); border-radius: 6px; padding: 8px 16px 12px; margin: 12px 0; }
.sb-group-title { font-weight: 600; padding: 0 6px; color: #1f2937; }
.sb-label { margin: 8px 0; color: #374151; }
.sb-array { margin: 16px 0; }
.sb-array-head { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; }
.sb-array-head h3 { font-size: 15px; margin: 0; }
.sb-count { color: #4b5563; }
.sb-req { color: var(--sb-error); }
.sb-desc { color: #4b5563; font-size: 13px; margin: 4px 0; }
.sb-empty { color: #4b5563; font-style: italic; }
.sb-table-wrap { overflow-x: auto; border: 1px solid var(--sb-border); border-radius: 6px; margin-top: 8px; container-type: inline-size; }
.sb-table { border-collapse: collapse; width: 100%; }
.sb-table th, .sb-table td { border-bottom: 1px solid #e5e7eb; padding: 4px 6px; vertical-align: top; text-align: left; }
.sb-table thead th { background: #f3f4f6; font-weight: 600; font-size: 13px; white-space: nowrap; }
.sb-rownum { width: 40px; color: #4b5563; text-align: center !important; }
.sb-grid { display: block; width: 100%; --sb-row-height: 56px; }
.sb-grid > thead, .sb-grid > tbody { display: block; }
/* Blocks of rows (ArrayTable, --sb-block-rows rows each): off screen, one block is skipped and watched
   instead of each of its rows; before its first layout it takes the rows' estimated height. */
.sb-grid > tbody.sb-rows { content-visibility: auto;
  contain-intrinsic-size: auto calc(var(--sb-block-rows) * var(--sb-row-height)); }
.sb-grid > tbody.sb-rows { content-visibility: auto; }
.sb-grid th, .sb-grid td { border-bottom: 0; }
.sb-row { display: grid; grid-template-columns: var(--sb-cols); border-bottom: 1px solid #e5e7eb; align-items: start;
  content-visibility: auto; contain-intrinsic-size: auto var(--sb-row-height); clip-path: inset(0); }
/* The clip-path clips nothing that paint containment (from content-visibility) does not clip already,
   but it makes each row a group of its own when Chromium sorts the page into layers after a repaint,
   which it does in full on every keystroke into a focused field: with ~50 rows rendered that step
   fell from ~2.8 to ~1.0 ms per key at 1x (keydown to commit ~9.6 -> ~6.4 ms; see bench/forms/README.md). */
/* Each cell's field is a form of its own (see TableRow): it takes no room. */
.sb-cell-owner { display: contents; }
.sb-row > * { padding: 4px 6px; min-width: 0; }
.sb-row > .sb-rownum { padding-top: 9px; }
.sb-rownum[draggable="true"] { cursor: grab; }
.sb-rownum[draggable="true"]::before { content: "⠿"; color: #9ca3af; margin-right: 2px; }
.sb-dragging { opacity: 0.5; }
.sb-drop-before { box-shadow: inset 0 3px 0 var(--sb-accent); }
.sb-drop-after { box-shadow: inset 0 -3px 0 var(--sb-accent); }
/* A row's form (its fields beyond the key columns) spans the whole row, under the compact cells. */
.sb-row > .sb-row-detail { grid-column: 1 / -1; padding: 2px 12px 12px 48px; }
.sb-row-open { background: #f8fafc; }
.sb-row-form { border: 0; margin: 0; padding: 0; min-width: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px 12px; }
.sb-field { min-width: 0; }
.sb-field-wide { grid-column: 1 / -1; }
.sb-field-label { display: block; font-size: 13px; color: #374151; margin-bottom: 2px; }
.sb-row-form .sb-input { contain: size layout style; height: calc(1lh + 12px); }
.sb-row-form textarea.sb-input, .sb-row-form .sb-static-long { height: calc(3lh + 12px); }
.sb-toggle { border-color: var(--sb-accent) !important; color: var(--sb-accent) !important; }
.sb-toggle[aria-expanded="true"] { background: #eef4ff !important; }
/* A narrow form column (a phone): each row is a card, its key fields one under another with their titles. */
@container (max-width: 560px) {
  .sb-grid .sb-head { display: none; }
  .sb-grid .sb-row { grid-template-columns: 1fr; border-bottom: 2px solid #d1d5db; }
  .sb-grid .sb-row > .sb-rownum { text-align: left !important; font-weight: 600; padding-top: 6px; }
  .sb-grid .sb-row > td[data-title]::before { content: attr(data-title); display: block; font-size: 12px; color: #4b5563; }
  .sb-grid .sb-row > .sb-actions { white-space: normal; width: auto; display: flex; flex-wrap: wrap; gap: 4px; }
  .sb-grid .sb-row > .sb-row-detail { padding: 4px 6px 10px; }
  .sb-row-form { grid-template-columns: 1fr; }
  /* Other tables (the attachments): each row a card, the file name on a line of its own. */
  .sb-table:not(.sb-grid) thead { display: none; }
  .sb-table:not(.sb-grid), .sb-table:not(.sb-grid) tbody, .sb-table:not(.sb-grid) tr { display: block; }
  .sb-table:not(.sb-grid) tr { border-bottom: 2px solid #d1d5db; padding: 4px 0; }
  .sb-table:not(.sb-grid) th, .sb-table:not(.sb-grid) td { display: block; border: 0; overflow-wrap: anywhere; text-align: left !important; width: auto; }
}
.sb-head { background: #f3f4f6; font-weight: 600; font-size: 13px; content-visibility: visible; }
.sb-head > * { padding: 6px; }
.sb-input { width: 100%; box-sizing: border-box; font: inherit; padding: 5px 6px; border: 1px solid var(--sb-border); border-radius: 4px; background: #fff; color: #111827; }
textarea.sb-input { resize: vertical; min-height: 34px; }
/* A cell's box never depends on its text: typing lays out the field alone, not its row and table. */
.sb-row input.sb-input, .sb-row select.sb-input, .sb-row .sb-static { contain: size layout style; height: calc(1lh + 12px); }
.sb-row textarea.sb-input, .sb-row .sb-static-long { contain: size layout style; height: calc(2lh + 12px); }
/* A cell not being edited: the same box as its input, the value as text (see TextCell). */
.sb-static { cursor: text; overflow: hidden; white-space: pre; text-overflow: ellipsis; }
.sb-static-long { white-space: pre-wrap; overflow-wrap: anywhere; }
.sb-static:empty::before { content: attr(data-placeholder); color: #9ca3af; }
.sb-form .MuiInputBase-multiline textarea { field-sizing: content; min-height: 4.5lh; max-height: 18lh; resize: vertical; }
.sb-input:focus { outline: none; box-shadow: inset 0 0 0 1px var(--sb-accent); border-color: var(--sb-accent); }
/* The ring is a shadow, not an outline: an outline is painted in a phase of its own, and on a page
   of hundreds of fields Chromium then spends ~1 ms more per frame sorting the page into layers. */
@media (forced-colors: active) { .sb-input:focus { outline: 2px solid CanvasText; } }
.sb-input[aria-invalid="true"], .sb-invalid > summary { border-color: var(--sb-error); background: #fff8f7; }
.sb-datecell { position: relative; }
.sb-datecell > .sb-input { padding-right: 30px; }
.sb-cal { position: absolute; right: 3px; top: 3px; width: 26px; height: calc(1lh + 6px); border: 0; border-radius: 3px; cursor: pointer; padding: 0;
  background: transparent url("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' width='16' height='16' viewBox='0 0 16 16' fill='none' stroke='%234b5563'><rect x='1.5' y='3' width='13' height='11.5' rx='1.5'/><path d='M1.5 6.5h13M5 1.5v3M11 1.5v3'/><path d='M4 9.5h2M7 9.5h2M10 9.5h2M4 12h2M7 12h2' stroke-width='2'/></svg>") center no-repeat; }
/* The glyph is a background image, not inline SVG: an <svg> per cell adds a transform node each,
   which the browser re-sorts into layers on every frame of typing. */
.sb-cal:hover, .sb-cal:focus-visible { background-color: #eef4ff; }
.sb-mono, .sb-mono input { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; letter-spacing: 0.02em; }
.sb-cell-error { color: var(--sb-error); font-size: 12px; margin-top: 2px; }
.sb-actions { white-space: nowrap; width: 1%; }
.sb-actions button, .sb-undo button, .sb-add, .sb-progress button { font: inherit; font-size: 13px; padding: 3px 8px; margin: 0 2px; border: 1px solid var(--sb-border); border-radius: 4px; background: #fff; cursor: pointer; color: #111827; }
.sb-actions button:disabled { color: #9ca3af; cursor: default; }
.sb-add { border-color: var(--sb-accent); color: var(--sb-accent); }
.sb-danger { color: var(--sb-error) !important; }
.sb-undo { margin-top: 8px; padding: 6px 10px; background: #fef3c7; border-radius: 4px; display: inline-block; }
.sb-multi { position: relative; }
.sb-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.sb-multi > summary { cursor: pointer; border: 1px solid var(--sb-border); border-radius: 4px; padding: 5px 6px; list-style: none; background: #fff; }
.sb-multi-list { background: #fff; border: 1px solid var(--sb-border); border-top: 0; border-radius: 0 0 4px 4px; padding: 6px; max-height: 240px; overflow-y: auto; }
.sb-multi-list label { display: flex; gap: 6px; align-items: flex-start; padding: 2px 0; font-size: 13px; }
.sb-upload { display: flex; gap: 12px; align-items: stretch; flex-wrap: wrap; margin: 8px 0; }
.sb-upload-cat { display: flex; flex-direction: column; gap: 4px; min-width: 240px; font-size: 13px; }
.sb-drop { flex: 1 1 320px; border: 2px dashed var(--sb-border); border-radius: 8px; padding: 14px; text-align: center; background: #fafafa; }
.sb-drop-over { border-color: var(--sb-accent); background: #eef4ff; }
.sb-drop label { cursor: pointer; color: var(--sb-accent); }
.sb-drop input[type=file] { display: block; margin: 8px auto 0; font-size: 13px; }
.sb-progress { margin: 4px 0; font-size: 13px; }
.sb-stepper { margin: 8px 0 16px; overflow-x: auto; container-type: inline-size; }
/* A narrow column (a phone): the steps keep a readable width and the bar scrolls sideways; the
   current step is scrolled into it (Wizard). */
.sb-steps { display: flex; list-style: none; margin: 0; padding: 0; }
.sb-steps-item { flex: 1 1 0; min-width: 0; position: relative; }
.sb-steps-item + .sb-steps-item::before { content: ''; position: absolute; top: 20px; left: calc(-50% + 20px); right: calc(50% + 20px); border-top: 1px solid #bdbdbd; }
.sb-steps-button { display: flex; flex-direction: column; align-items: center; gap: 8px; width: 100%; margin: 0; padding: 8px 4px; border: 0; border-radius: 4px; background: none; font: inherit; color: inherit; text-align: center; cursor: pointer; }
.sb-steps-button:hover { background: rgba(0, 0, 0, 0.04); }
.sb-steps-button:focus-visible { outline: 2px solid var(--sb-accent); outline-offset: -2px; }
.sb-steps-icon { width: 24px; height: 24px; border-radius: 50%; background: #757575; color: #fff; font-size: 12px; line-height: 24px; }
.sb-steps-active .sb-steps-icon, .sb-steps-done .sb-steps-icon { background: var(--sb-accent); }
.sb-steps-label { font-size: 13px; line-height: 1.43; color: #555; }
.sb-steps-active .sb-steps-label { color: #1f1f1f; font-weight: 500; }
@container (max-width: 760px) {
  .sb-steps-item { flex: 0 0 104px; }
}
.sb-step-count { color: var(--sb-error); font-size: 12px; }
.sb-step-title { font-size: 18px; margin: 8px 0 12px; outline: none; }
.sb-wizard-nav { display: flex; align-items: center; justify-content: space-between; margin-top: 24px; padding-top: 12px; border-top: 1px solid #e5e7eb; }
.sb-step-of { color: #4b5563; }
.sb-summary { border: 2px solid var(--sb-error); border-radius: 6px; padding: 10px 16px; margin: 12px 0; background: #fff8f7; outline: none; }
.sb-summary h2 { font-size: 16px; margin: 0 0 6px; color: var(--sb-error); }
.sb-summary ul { margin: 0; padding-left: 20px; max-height: 240px; overflow-y: auto; }
.sb-summary a { color: var(--sb-error); }
.sb-ok { color: #166534; }
.sb-footer { margin-top: 16px; }
.sb-unknown { padding: 8px; background: #f3f4f6; border-radius: 4px; margin: 8px 0; }
`;
