/**
 * The browser benchmark's measuring harness: drives Debian Chromium through playwright-core and
 * the Chrome DevTools Protocol, with the in-page probe (probe.browser.js) taking the times.
 *
 * A typing run types `keys` characters into one text field at a steady pace (key i+1 is sent
 * `pause` ms after key i, whether or not the page has finished with key i, as a person types),
 * each key a CDP keyDown+keyUp. Every run, and the add-row run, starts from a fresh browser context
 * and a cold load of the page, so each also gives a cold-render sample and nothing carries over
 * (drafts in IndexedDB, caches, earlier keystrokes).
 */
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { type AddRecord, type ProbeConfig, probeScript, type TypingOutcome } from './probe';
import { commonSubsequence, percentile } from './stats';

export { CHROMIUM, launchChromium } from '../../test/support/chromium';

export interface Target {
  name: string;
  url: string;
  probe: ProbeConfig;
}

export interface TypingSpec {
  /** CPU slowdown through CDP Emulation.setCPUThrottlingRate (1 = none). */
  cpu: number;
  /** Pause before each key, cycled (one value, or several mixed in one run). */
  pauses: number[];
  keys: number;
  /**
   * 'ack' (default): each key is sent and acknowledged by the page (its handlers have run), then
   * the pause, as Playwright's `keyboard.type(text, { delay })`; a slow page slows the typist.
   * 'steady': key i is sent at start + the sum of the pauses before it, acknowledged or not, so a
   * busy page gets keys queued up as from a keyboard (backlogs grow without bound when each key
   * costs more than the pause).
   */
  pace?: 'ack' | 'steady';
  /** How long one key may take to show before it counts as timed out (default 5 s). */
  giveUpMs?: number;
}

export interface TypingResult {
  spec: TypingSpec;
  /** keydown → frame after the value shows, per key that arrived (ms). */
  latencies: number[];
  /** The same, per pause before the key. */
  byPause: Record<number, number[]>;
  /** Event timestamp → keydown listener: time the key waited for the main thread (ms). */
  inputDelays: number[];
  /** Characters typed that are not in the field afterwards (longest common subsequence). */
  lost: number;
  /** Characters in the field that were not typed. */
  extra: number;
  exact: boolean;
  keydowns: number;
  /** Keys whose value never showed within 5 s (superseded or lost). */
  timedOut: number;
  /** Long tasks from the first keydown until the debounced work after the last key; `at` is ms after the last keydown. */
  longTasks: { count: number; max: number; total: number; at: { at: number; ms: number }[] };
  coldMs: number | null;
  load: number;
}

export interface AddResult {
  times: number[];
  timedOut: number;
  coldMs: number | null;
}

const KEYS = 'abcdefghijklmnopqrstuvwxyz';

/** The text a typing run sends: letters, so the longest common subsequence counts losses. */
export function typingText(keys: number): string {
  return Array.from({ length: keys }, (_, i) => KEYS[i % KEYS.length]).join('');
}

function evaluate<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

export async function openTarget(
  browser: Browser,
  target: Target,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    bypassCSP: true,
  });
  await context.addInitScript({ content: probeScript(target.probe) });
  const page = await context.newPage();
  return { context, page };
}

/**
 * Loads the page cold and waits until every expected row is in the DOM (or the field, if no rows).
 * The probe reports through a CDP binding, so nothing of Playwright's is evaluated in the page
 * before that (a `waitForFunction` would compile and run Playwright's injected script, ~30 ms of
 * the page's main thread, in the middle of the load being measured).
 */
export async function loadCold(page: Page, target: Target): Promise<number | null> {
  if (target.probe.expectedRows <= 0) {
    await page.goto(target.url, { waitUntil: 'load', timeout: 60_000 });
    return null;
  }
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Runtime.enable');
    await cdp.send('Runtime.addBinding', { name: '__benchColdDone' });
    const reported = new Promise<{ domAt: number }>((resolve) => {
      cdp.on('Runtime.bindingCalled', (event) => {
        if (event.name === '__benchColdDone') resolve(JSON.parse(event.payload) as { domAt: number });
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${target.name}: the rows did not all render within 60 s`)),
        60_000,
      );
    });
    await page.goto(target.url, { waitUntil: 'commit', timeout: 60_000 });
    try {
      const cold = await Promise.race([reported, timeout]);
      await page.waitForLoadState('load', { timeout: 60_000 });
      return cold.domAt;
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

async function setCpu(cdp: CDPSession, rate: number): Promise<void> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

function keyEvents(ch: string) {
  const upper = ch.toUpperCase();
  const code = /[a-z]/i.test(ch) ? `Key${upper}` : '';
  const keyCode = upper.charCodeAt(0);
  return {
    down: {
      type: 'keyDown' as const,
      key: ch,
      code,
      text: ch,
      unmodifiedText: ch,
      windowsVirtualKeyCode: keyCode,
      nativeVirtualKeyCode: keyCode,
    },
    up: {
      type: 'keyUp' as const,
      key: ch,
      code,
      windowsVirtualKeyCode: keyCode,
      nativeVirtualKeyCode: keyCode,
    },
  };
}

/** One typing run on a fresh load. */
export async function typingRun(browser: Browser, target: Target, spec: TypingSpec): Promise<TypingResult> {
  const { context, page } = await openTarget(browser, target);
  try {
    const coldMs = await loadCold(page, target);
    const field = await evaluate<{ value: string } | null>(page, 'window.__bench.prepareField()');
    if (!field)
      throw new Error(`${target.name}: the text field was not found (${JSON.stringify(target.probe.field)})`);
    await page.click('[data-bench-field]');
    if (!(await evaluate<boolean>(page, 'window.__bench.caretToEnd()')))
      throw new Error(`${target.name}: the text field did not take focus`);
    const cdp = await context.newCDPSession(page);
    if (spec.cpu !== 1) await setCpu(cdp, spec.cpu);
    await sleep(500 + 250 * spec.cpu); // let load-time work (effects, idle callbacks) finish
    const load = loadavg()[0] as number;
    const text = typingText(spec.keys);
    await evaluate<string>(
      page,
      `window.__bench.startTyping(${JSON.stringify(text)}, ${spec.giveUpMs ?? 5000})`,
    );

    const sends: Promise<unknown>[] = [];
    const start = performance.now();
    let due = 0;
    for (let i = 0; i < text.length; i++) {
      const pause = i > 0 ? (spec.pauses[(i - 1) % spec.pauses.length] as number) : 0;
      const { down, up } = keyEvents(text[i] as string);
      if (spec.pace === 'steady') {
        due += pause;
        const wait = start + due - performance.now();
        if (wait > 0) await sleep(wait);
        sends.push(cdp.send('Input.dispatchKeyEvent', down), cdp.send('Input.dispatchKeyEvent', up));
      } else {
        if (pause > 0) await sleep(pause);
        await cdp.send('Input.dispatchKeyEvent', down);
        await cdp.send('Input.dispatchKeyEvent', up);
      }
    }
    await Promise.all(sends);
    await page.waitForFunction('window.__bench.typingSettled()', undefined, {
      timeout: 120_000,
      polling: 100,
    });
    await sleep(1000 + 250 * spec.cpu); // debounced commits and autosave after the last key
    const outcome = await evaluate<TypingOutcome>(page, 'window.__bench.finishTyping()');
    if (spec.cpu !== 1) await setCpu(cdp, 1);
    await cdp.detach();
    return summarizeTyping(spec, outcome, coldMs, load);
  } finally {
    await context.close();
  }
}

function summarizeTyping(
  spec: TypingSpec,
  outcome: TypingOutcome,
  coldMs: number | null,
  load: number,
): TypingResult {
  const latencies: number[] = [];
  const inputDelays: number[] = [];
  const byPause: Record<number, number[]> = {};
  for (const record of outcome.records) {
    inputDelays.push(record.t0 - record.eventTime);
    if (record.t1 === null) continue;
    const latency = record.t1 - record.t0;
    latencies.push(latency);
    if (record.index > 0) {
      const pause = spec.pauses[(record.index - 1) % spec.pauses.length] as number;
      const list = byPause[pause] ?? [];
      list.push(latency);
      byPause[pause] = list;
    }
  }
  const expected = outcome.initial + outcome.typed;
  const shown = outcome.finalValue ?? '';
  const common = commonSubsequence(expected, shown);
  const tasks = outcome.longTasks.map((t) => t.duration);
  return {
    spec,
    latencies,
    byPause,
    inputDelays,
    lost: expected.length - common,
    extra: shown.length - common,
    exact: shown === expected,
    keydowns: outcome.keydowns,
    timedOut: outcome.records.filter((r) => r.timedOut).length,
    longTasks: {
      count: tasks.length,
      max: tasks.length ? Math.max(...tasks) : 0,
      total: tasks.reduce((a, b) => a + b, 0),
      at: outcome.longTasks.map((t) => ({
        at: Math.round(t.start - (outcome.records.at(-1)?.t0 ?? outcome.window.first)),
        ms: Math.round(t.duration),
      })),
    },
    coldMs,
    load,
  };
}

/** Adds `count` rows one after another on a fresh load, each timed click → new row → next frame. */
export async function addRowRun(browser: Browser, target: Target, count: number): Promise<AddResult> {
  const { context, page } = await openTarget(browser, target);
  try {
    const coldMs = await loadCold(page, target);
    await sleep(800);
    if (!(await evaluate<boolean>(page, 'window.__bench.markAddButton()')))
      throw new Error(
        `${target.name}: the add-row button was not found (${JSON.stringify(target.probe.add)})`,
      );
    for (let i = 0; i < count; i++) {
      await page.click('[data-bench-add]');
      await page.waitForFunction(
        `(() => { const a = window.__bench.adds[${i}]; return a && (a.t1 !== null || a.timedOut); })()`,
        undefined,
        { timeout: 30_000, polling: 50 },
      );
      await sleep(600); // debounce, autosave
    }
    const adds = await evaluate<AddRecord[]>(page, 'window.__bench.adds');
    return {
      times: adds.flatMap((a) => (a.t1 === null ? [] : [a.t1 - a.t0])),
      timedOut: adds.filter((a) => a.timedOut).length,
      coldMs,
    };
  } finally {
    await context.close();
  }
}

export interface TargetResult {
  name: string;
  typing: TypingResult[];
  add?: AddResult;
  /** Cold render of every load (ms). */
  cold: number[];
  /** Why measuring stopped, if it did. */
  error?: string;
}

/**
 * Every measurement of every target, interleaved (each typing spec on each target in turn, then
 * adding rows), so that a change of machine load during the run hits all targets alike.
 */
export async function measureAll(
  browser: Browser,
  targets: Target[],
  specsFor: (target: Target) => TypingSpec[],
  addCount: number,
  log: (line: string) => void = () => {},
): Promise<TargetResult[]> {
  const results = targets.map((t): TargetResult => ({ name: t.name, typing: [], cold: [] }));
  const rounds = Math.max(...targets.map((t) => specsFor(t).length));
  const attempt = async (index: number, what: string, run: () => Promise<void>) => {
    const result = results[index] as TargetResult;
    if (result.error) return;
    try {
      await run();
    } catch (e) {
      result.error = `${what}: ${(e as Error).message.split('\n')[0]}`;
      log(`  ${result.name}: stopped (${result.error})`);
    }
  };
  for (let round = 0; round < rounds; round++) {
    for (const [index, target] of targets.entries()) {
      const spec = specsFor(target)[round];
      if (!spec) continue;
      await attempt(index, `typing ${spec.cpu}×`, async () => {
        const r = await typingRun(browser, target, spec);
        const result = results[index] as TargetResult;
        result.typing.push(r);
        if (r.coldMs !== null) result.cold.push(r.coldMs);
        log(
          `  ${target.name.padEnd(6)} ${spec.cpu}× pauses ${spec.pauses.join('/').padEnd(11)} ms: ` +
            `p50 ${percentile(r.latencies, 50).toFixed(1)}, p95 ${percentile(r.latencies, 95).toFixed(1)} ms; ` +
            `lost ${r.lost}; long tasks ${r.longTasks.count} (max ${r.longTasks.max.toFixed(0)} ms); ` +
            `cold ${r.coldMs === null ? '-' : r.coldMs.toFixed(0)} ms; load ${r.load.toFixed(2)}`,
        );
      });
    }
  }
  for (const [index, target] of targets.entries()) {
    if (!target.probe.add || addCount <= 0) continue;
    await attempt(index, 'adding rows', async () => {
      const add = await addRowRun(browser, target, addCount);
      const result = results[index] as TargetResult;
      result.add = add;
      if (add.coldMs !== null) result.cold.push(add.coldMs);
      log(`  ${target.name.padEnd(6)} add row: ${add.times.map((t) => t.toFixed(0)).join(', ')} ms`);
    });
  }
  return results;
}
