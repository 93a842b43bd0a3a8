// In-page probe of the browser benchmark, injected before any page script (addInitScript) with
// `window.__benchConfig` set. Plain browser JavaScript on purpose: it is sent as text, so no
// bundler or TypeScript helper can leak into it. Types of what it returns: bench/forms/probe.ts.
(() => {
  const config = window.__benchConfig;
  const bench = {
    cold: { domAt: null, paintAt: null },
    longTasks: [],
    session: null,
    adds: [],
  };
  window.__bench = bench;

  // Runs `callback(time)` after the frame being prepared has been presented: a message posted
  // from requestAnimationFrame is delivered after that frame's paint.
  const afterPaint = (callback) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => callback(performance.now());
    channel.port2.postMessage(0);
  };
  const nextFrame = (callback) => requestAnimationFrame(() => afterPaint(callback));

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    bench.longTasksUnsupported = true;
  }

  // --- locating the field, the rows and the add button -------------------------------------
  const findTable = (title) => {
    for (const table of document.querySelectorAll('table')) {
      if (table.tHead?.textContent?.includes(title)) return table;
    }
    return null;
  };
  const bodyRows = (table) => {
    const rows = [];
    for (const body of table.tBodies)
      for (const row of body.rows) if (row.querySelector('input')) rows.push(row);
    return rows;
  };
  const columnIndex = (table, column) => {
    let best = null;
    for (const row of table.tHead.rows) if (!best || row.cells.length > best.cells.length) best = row;
    if (!best) return -1;
    return Array.from(best.cells).findIndex((cell) => cell.textContent.trim().startsWith(column));
  };
  const inputIn = (element) =>
    element && (element.matches('input, textarea') ? element : element.querySelector('input, textarea'));

  let fieldCache = null;
  const locateField = () => {
    if (fieldCache?.isConnected) return fieldCache;
    const where = config.field;
    let found = null;
    if (where.css) found = inputIn(document.querySelector(where.css));
    else {
      const table = findTable(where.table);
      const index = table ? columnIndex(table, where.column) : -1;
      const row = table && index >= 0 ? bodyRows(table)[where.row] : null;
      found = row ? inputIn(row.cells[index]) : null;
    }
    if (found) found.setAttribute('data-bench-field', '');
    fieldCache = found;
    return found;
  };
  const rowCount = () => {
    const where = config.rows;
    if (!where) return 0;
    if (where.css) return document.querySelectorAll(where.css).length;
    const table = findTable(where.table);
    return table ? bodyRows(table).length : 0;
  };
  const locateAddButton = () => {
    const where = config.add;
    if (!where) return null;
    if (where.css) return document.querySelector(where.css);
    const table = findTable(where.table);
    return table?.tHead?.querySelector('button') ?? null;
  };

  // --- cold render: navigation start (time origin) to the last array row in the DOM --------
  if (config.rows && config.expectedRows > 0) {
    const observer = new MutationObserver(() => {
      if (bench.cold.domAt !== null || rowCount() < config.expectedRows) return;
      bench.cold.domAt = performance.now();
      observer.disconnect();
      nextFrame((t) => {
        bench.cold.paintAt = t;
        // The harness waits on this CDP binding (Runtime.addBinding) rather than polling the page:
        // a Playwright waitForFunction would evaluate Playwright's own script on the page's main
        // thread in the middle of the load it measures.
        if (typeof window.__benchColdDone === 'function') window.__benchColdDone(JSON.stringify(bench.cold));
      });
    });
    observer.observe(document, { childList: true, subtree: true });
  }

  // --- keystrokes: keydown (capture) to the frame after the field shows the value, valid ---
  // A key has shown when the field's value holds its character at the caret, after what was
  // before the caret at keydown. Judging each key against the field as it was at its own keydown
  // (not against everything typed so far) keeps later keys measurable after a page drops one.
  // Give-up bound per key or click; startTyping may raise it (a smoke test on a loaded machine).
  let TIMEOUT_MS = 5000;
  window.addEventListener(
    'keydown',
    (event) => {
      const session = bench.session;
      if (!session || session.count >= session.text.length || event.key.length !== 1) return;
      const t0 = performance.now();
      const index = session.count++;
      const at = locateField();
      const before = at ? at.value : '';
      const caret = at && typeof at.selectionStart === 'number' ? at.selectionStart : before.length;
      const prefix = before.slice(0, caret) + event.key;
      const record = { index, t0, eventTime: event.timeStamp, t1: null, timedOut: false };
      session.records.push(record);
      const check = () => {
        const field = locateField();
        const shown =
          field?.value.startsWith(prefix) &&
          field.getAttribute('aria-invalid') !== 'true' &&
          !field.closest('.Mui-error');
        if (shown) afterPaint((t) => (record.t1 = t));
        else if (performance.now() - t0 > TIMEOUT_MS) record.timedOut = true;
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    },
    true,
  );

  // --- adding a row: click (capture) to the new row in the DOM and the next frame ----------
  window.addEventListener(
    'click',
    (event) => {
      if (!(event.target instanceof Element) || !event.target.closest('[data-bench-add]')) return;
      const t0 = performance.now();
      const before = rowCount();
      const record = { t0, t1: null, before, after: null, timedOut: false };
      bench.adds.push(record);
      const check = () => {
        const count = rowCount();
        if (count > before) {
          record.after = count;
          afterPaint((t) => (record.t1 = t));
        } else if (performance.now() - t0 > TIMEOUT_MS) record.timedOut = true;
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    },
    true,
  );

  // --- API for the harness ------------------------------------------------------------------
  bench.rowCount = rowCount;
  bench.prepareField = async () => {
    fieldCache = null;
    // A form may show a cell as a stand-in box until it is focused (the portal's tables do):
    // focus it, as the person about to type would, and use the field that takes its place.
    // A field in a table row's form: the row is opened first, as the person would open it.
    if (config.field.open && config.field.css && !document.querySelector(config.field.css)) {
      const open = document.querySelector(config.field.open);
      if (!open) return null;
      open.scrollIntoView({ block: 'center' });
      open.click();
      for (let i = 0; i < 60 && !document.querySelector(config.field.css); i++)
        await new Promise((r) => requestAnimationFrame(r));
    }
    const stand = config.field.css ? document.querySelector(config.field.css) : null;
    if (stand && !inputIn(stand)) {
      stand.scrollIntoView({ block: 'center' });
      stand.focus();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    const field = locateField();
    if (!field) return null;
    field.scrollIntoView({ block: 'center' });
    return { value: field.value, tag: field.tagName.toLowerCase() };
  };
  bench.caretToEnd = () => {
    const field = locateField();
    if (!field) return false;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
    return document.activeElement === field;
  };
  bench.startTyping = (text, giveUpMs) => {
    if (typeof giveUpMs === 'number' && giveUpMs > 0) TIMEOUT_MS = giveUpMs;
    const field = locateField();
    bench.session = {
      initial: field ? field.value : '',
      text,
      count: 0,
      records: [],
      start: performance.now(),
    };
    return bench.session.initial;
  };
  bench.typingSettled = () => bench.session.records.every((r) => r.t1 !== null || r.timedOut);
  bench.finishTyping = () => {
    const session = bench.session;
    bench.session = null;
    fieldCache = null;
    const field = locateField();
    const records = session.records;
    // Typing window: first keydown until now (the harness calls this after letting debounced
    // commits and autosaves run), so work that typing caused later still counts.
    const first = records[0]?.t0 ?? session.start;
    const last = performance.now();
    return {
      initial: session.initial,
      typed: session.text,
      keydowns: records.length,
      records: records.map(({ index, t0, eventTime, t1, timedOut }) => ({
        index,
        t0,
        eventTime,
        t1,
        timedOut,
      })),
      finalValue: field ? field.value : null,
      longTasks: bench.longTasks.filter((task) => task.start + task.duration >= first && task.start <= last),
      window: { first, last },
    };
  };
  bench.markAddButton = () => {
    const button = locateAddButton();
    if (!button) return false;
    button.setAttribute('data-bench-add', '');
    button.scrollIntoView({ block: 'center' });
    return true;
  };
})();
