/** The browser benchmark's table: figures for each target, ours/stock, and the targets. */
import type { TargetResult, TypingResult, TypingSpec } from './harness';
import { median, percentile } from './stats';

type Cell = number | string | undefined;
interface Row {
  label: string;
  values: Record<string, Cell>;
  /** Ratio ours/stock is printed when both are numbers. */
  ratio?: boolean;
  target?: string;
  /** Does ours meet the target? */
  pass?: (ours: number, stock: number | undefined) => boolean;
  /** Decimals of the figures (1 unless told). */
  digits?: number;
}

const sameSpec = (a: TypingSpec, cpu: number, pauses: number[]) =>
  a.cpu === cpu && a.pauses.length === pauses.length && a.pauses.every((p, i) => p === pauses[i]);

function runsOf(result: TargetResult | undefined, cpu: number, pauses?: number[]): TypingResult[] {
  return (result?.typing ?? []).filter(
    (r) => r.spec.cpu === cpu && (!pauses || sameSpec(r.spec, cpu, pauses)),
  );
}

/** Latencies at this CPU rate after keys with this pause (from dedicated or mixed runs). */
function latenciesAt(result: TargetResult | undefined, cpu: number, pause?: number): number[] {
  return runsOf(result, cpu).flatMap((r) =>
    pause === undefined
      ? r.latencies
      : r.spec.pauses.length === 1 && r.spec.pauses[0] === pause
        ? r.latencies
        : (r.byPause[pause] ?? []),
  );
}

const fmt = (value: Cell, digits = 1): string =>
  value === undefined || (typeof value === 'number' && Number.isNaN(value))
    ? '–'
    : typeof value === 'number'
      ? value.toFixed(digits)
      : value;

export interface ReportOptions {
  pauses1x: number[];
  pauses4x: number[];
}

/** Lines of the table (ours, stock, plain columns; missing targets print as –). */
export function reportLines(results: TargetResult[], options: ReportOptions): string[] {
  const by = (name: string) => results.find((r) => r.name === name);
  const names = ['ours', 'stock', 'plain'];
  const rows: Row[] = [];
  const each = (fn: (r: TargetResult | undefined) => Cell): Record<string, Cell> =>
    Object.fromEntries(names.map((n) => [n, fn(by(n))]));
  const numberOr = (values: number[], fn: (v: number[]) => number): Cell =>
    values.length ? fn(values) : undefined;

  const allPauses1x = options.pauses1x;
  rows.push({
    label: `keystroke 1× p50 (ms), pauses ${allPauses1x.join('/')}`,
    values: each((r) => numberOr(latenciesAt(r, 1), (v) => percentile(v, 50))),
    ratio: true,
  });
  rows.push({
    label: `keystroke 1× p95 (ms), pauses ${allPauses1x.join('/')}`,
    values: each((r) => numberOr(latenciesAt(r, 1), (v) => percentile(v, 95))),
    ratio: true,
    target: '≤ 16, ≥3× faster',
    pass: (o, s) => o <= 16 && (s === undefined || o * 3 <= s),
  });
  for (const pause of allPauses1x)
    rows.push({
      label: `  1× p95 after ${pause} ms pauses`,
      values: each((r) => numberOr(latenciesAt(r, 1, pause), (v) => percentile(v, 95))),
      ratio: true,
      target: '≤ 16',
      pass: (o) => o <= 16,
    });
  for (const pause of options.pauses4x) {
    rows.push({
      label: `keystroke 4× p50 (ms), ${pause} ms pauses`,
      values: each((r) => numberOr(latenciesAt(r, 4, pause), (v) => percentile(v, 50))),
      ratio: true,
    });
    rows.push({
      label: `keystroke 4× p95 (ms), ${pause} ms pauses`,
      values: each((r) => numberOr(latenciesAt(r, 4, pause), (v) => percentile(v, 95))),
      ratio: true,
      target: '≤ 50, ≥3× faster',
      pass: (o, s) => o <= 50 && (s === undefined || o * 3 <= s),
    });
  }
  const lostCell = (runs: TypingResult[]): Cell =>
    runs.length ? runs.map((r) => `${r.lost}/${r.spec.keys}`).join(' ') : undefined;
  rows.push({
    label: 'characters lost 1×',
    values: each((r) => lostCell(runsOf(r, 1))),
    target: '0',
    pass: () => runsOf(by('ours'), 1).every((r) => r.lost === 0 && r.extra === 0),
  });
  for (const pause of options.pauses4x)
    rows.push({
      label: `characters lost 4×, ${pause} ms pauses`,
      values: each((r) => lostCell(runsOf(r, 4, [pause]))),
      target: '0',
      pass: () => runsOf(by('ours'), 4, [pause]).every((r) => r.lost === 0 && r.extra === 0),
    });
  rows.push({
    label: 'keys never shown (5 s) 1×, 4×',
    values: each((r) =>
      r?.typing.length
        ? [1, 4].map((cpu) => runsOf(r, cpu).reduce((a, t) => a + t.timedOut, 0)).join(', ')
        : undefined,
    ),
  });
  for (const cpu of [1, 4]) {
    const tasks = (r: TargetResult | undefined) => runsOf(r, cpu).map((t) => t.longTasks);
    rows.push({
      label: `long tasks while typing ${cpu}× (count)`,
      digits: 0,
      values: each((r) => (tasks(r).length ? tasks(r).reduce((a, t) => a + t.count, 0) : undefined)),
    });
    rows.push({
      label: `longest task while typing ${cpu}× (ms)`,
      digits: 0,
      values: each((r) =>
        numberOr(
          tasks(r).map((t) => t.max),
          (v) => Math.max(...v),
        ),
      ),
      ratio: true,
      target: '≤ 50',
      pass: (o) => o <= 50,
    });
  }
  rows.push({
    label: 'input delay 4× p95 (ms, event → keydown)',
    values: each((r) =>
      numberOr(
        runsOf(r, 4).flatMap((t) => t.inputDelays),
        (v) => percentile(v, 95),
      ),
    ),
    ratio: true,
  });
  rows.push({
    label: 'cold render median (ms)',
    digits: 0,
    values: each((r) => numberOr(r?.cold ?? [], median)),
    ratio: true,
    target: '≤ 600',
    pass: (o) => o <= 600,
  });
  rows.push({
    label: 'cold render min–max (ms)',
    values: each((r) =>
      r?.cold.length ? `${Math.min(...r.cold).toFixed(0)}–${Math.max(...r.cold).toFixed(0)}` : undefined,
    ),
  });
  rows.push({
    label: 'add row, first click (ms)',
    values: each((r) => r?.add?.times[0]),
    ratio: true,
    target: '≤ 50',
    pass: (o) => o <= 50,
  });
  rows.push({
    label: 'add row, median of later clicks (ms)',
    values: each((r) => numberOr(r?.add?.times.slice(1) ?? [], median)),
    ratio: true,
    target: '≤ 50',
    pass: (o) => o <= 50,
  });
  rows.push({
    label: 'machine load (1-min avg) at runs',
    values: each((r) => {
      const loads = r?.typing.map((t) => t.load) ?? [];
      return loads.length ? `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` : undefined;
    }),
  });

  const header = ['', 'ours', 'stock', 'plain', 'ours/stock', 'target', 'ours'];
  const table = rows.map((row) => {
    const ours = row.values.ours;
    const stock = row.values.stock;
    const ratio =
      row.ratio && typeof ours === 'number' && typeof stock === 'number' && stock > 0
        ? ours / stock
        : undefined;
    const verdict =
      row.pass && ours !== undefined && !(typeof ours === 'number' && Number.isNaN(ours))
        ? row.pass(typeof ours === 'number' ? ours : 0, typeof stock === 'number' ? stock : undefined)
          ? 'ok'
          : 'MISS'
        : '';
    return [
      row.label,
      fmt(ours, row.digits),
      fmt(stock, row.digits),
      fmt(row.values.plain, row.digits),
      ratio === undefined ? '' : ratio.toFixed(2),
      row.target ?? '',
      verdict,
    ];
  });
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...table.map((line) => displayWidth(line[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? padEnd(c, widths[i] as number) : padStart(c, widths[i] as number)))
      .join('  ');
  return [line(header), ...table.map(line)];
}

// Table cells may hold CJK or × (wide or not); width counts East Asian wide characters twice.
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1;
  return width;
}
const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
