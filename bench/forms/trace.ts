/**
 * Where a keystroke's time goes (SHENBAO_BENCH_TRACE=1): a Chromium trace of a few keys typed into
 * the same field at 1×, summed per renderer main-thread event (script, style, layout, paint, the
 * dispatch of each DOM event type). The trace file opens in DevTools' Performance panel.
 */
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { loadCold, openTarget, type Target } from './harness';

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  ts: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string; clip?: number[] } };
}

export interface TraceSummary {
  keys: number;
  /** Total ms per event name on the renderer's main thread (top entries). */
  events: { name: string; count: number; ms: number }[];
  /** Total ms spent dispatching each DOM event type (handlers and default actions). */
  dispatch: { type: string; count: number; ms: number }[];
  /** Median painted area per Paint event, in CSS px². */
  paintArea: number;
  file: string;
}

function area(clip: number[] | undefined): number {
  if (!clip || clip.length < 8) return 0;
  const xs = [clip[0], clip[2], clip[4], clip[6]] as number[];
  const ys = [clip[1], clip[3], clip[5], clip[7]] as number[];
  return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
}

export async function traceTyping(
  browser: Browser,
  target: Target,
  file: string,
  keys = 10,
): Promise<TraceSummary> {
  const { context, page } = await openTarget(browser, target);
  try {
    await loadCold(page, target);
    if (!(await page.evaluate('window.__bench.prepareField()')))
      throw new Error(`${target.name}: no text field`);
    await page.click('[data-bench-field]');
    await page.evaluate('window.__bench.caretToEnd()');
    await sleep(1000);
    await browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8.execute',
        'blink.user_timing',
        ...(process.env.SHENBAO_BENCH_TRACE_CATEGORIES?.split(',') ?? []),
      ],
    });
    for (let i = 0; i < keys; i++) {
      await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
      await sleep(200);
    }
    await sleep(1000);
    const buffer = await browser.stopTracing();
    writeFileSync(file, buffer);
    const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    const main = new Set(
      events
        .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
        .map((e) => `${e.pid}:${e.tid}`),
    );
    const byName = new Map<string, { count: number; ms: number }>();
    const byType = new Map<string, { count: number; ms: number }>();
    const paints: number[] = [];
    // Events nest (Paint of #document holds Paint of HTML; keypress's default action dispatches
    // textInput): an event inside another of the same name is not counted again.
    const timed = events
      .filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))
      .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const open = new Map<string, { name: string; end: number }[]>();
    for (const e of timed) {
      const thread = `${e.pid}:${e.tid}`;
      const stack = (open.get(thread) ?? []).filter((s) => s.end > e.ts);
      const nested = stack.some((s) => s.name === e.name);
      stack.push({ name: e.name, end: e.ts + (e.dur ?? 0) });
      open.set(thread, stack);
      if (nested) continue;
      const ms = (e.dur ?? 0) / 1000;
      const n = byName.get(e.name) ?? { count: 0, ms: 0 };
      byName.set(e.name, { count: n.count + 1, ms: n.ms + ms });
      if (e.name === 'EventDispatch') {
        const type = String(e.args?.data?.type);
        const t = byType.get(type) ?? { count: 0, ms: 0 };
        byType.set(type, { count: t.count + 1, ms: t.ms + ms });
      }
      if (e.name === 'Paint') paints.push(area(e.args?.data?.clip));
    }
    paints.sort((a, b) => a - b);
    return {
      keys,
      events: [...byName.entries()]
        .filter(([name]) => name !== 'RunTask' && !name.startsWith('V8.'))
        .map(([name, v]) => ({ name, ...v }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 8),
      dispatch: [...byType.entries()].map(([type, v]) => ({ type, ...v })).sort((a, b) => b.ms - a.ms),
      paintArea: paints[Math.floor(paints.length / 2)] ?? 0,
      file,
    };
  } finally {
    await context.close();
  }
}

/** Lines for the report: per key, the biggest main-thread costs. */
export function traceLines(name: string, t: TraceSummary): string[] {
  const perKey = (ms: number) => (ms / t.keys).toFixed(1);
  return [
    `${name}: per key ${t.events.map((e) => `${e.name} ${perKey(e.ms)}`).join(', ')} ms`,
    `${' '.repeat(name.length)}  dispatch per key ${t.dispatch
      .slice(0, 5)
      .map((d) => `${d.type} ${perKey(d.ms)}`)
      .join(', ')} ms; median paint ${Math.round(t.paintArea).toLocaleString('en-US')} px²; trace ${t.file}`,
  ];
}
