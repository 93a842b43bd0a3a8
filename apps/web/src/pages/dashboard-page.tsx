import Alert from '@mui/material/Alert';
import type { Program } from '@shenbao/core';
import { memo, type ReactNode, useEffect, useMemo, useState } from 'react';
import { YearSelect } from '../components/year-select';
import { type Stats, type StatsIndicator, statsApi } from '../dashboard/api';
import { Chart, type ChartOption } from '../dashboard/chart';
import { scoreText } from '../procedure/reviews-table';
import { loadProgramme } from '../programmes';
import { href } from '../router';
import { townNames } from '../towns';

const n = (v: number): string => v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
const AXIS_LABEL = { color: '#374151', fontSize: 12 };

/**
 * One chart with its title, an empty state when there is nothing to draw, and the numbers behind
 * it as a table in a <details> (what screen readers and tests read; the canvas is hidden from them).
 */
function Figure(props: {
  id: string;
  title: string;
  note?: ReactNode;
  empty?: string;
  /** Spans the whole row (long labels). */
  wide?: boolean;
  option: ChartOption;
  height: number;
  head: string[];
  rows: (string | number)[][];
}) {
  const { id, title, note, empty, wide, option, height, head, rows } = props;
  return (
    <section
      className={wide ? 'dash-figure dash-wide' : 'dash-figure'}
      aria-labelledby={`${id}-title`}
      data-testid={`figure-${id}`}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {note && <p className="dash-note">{note}</p>}
      {empty ? (
        <p className="dash-empty" data-testid={`empty-${id}`}>
          {empty}
        </p>
      ) : (
        <>
          <Chart option={option} height={height} testId={`chart-${id}`} />
          <details className="dash-data">
            <summary>查看数据表</summary>
            <table className="data-table" data-testid={`table-${id}`}>
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr>
                  {head.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={String(r[0])}>
                    {r.map((c, i) =>
                      i === 0 ? (
                        <th key={head[i]} scope="row">
                          {c}
                        </th>
                      ) : (
                        <td key={head[i]}>{c}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}

/** A vertical bar chart of counts under their labels. */
function barOption(labels: string[], values: number[], name: string, color?: string): ChartOption {
  return {
    grid: { left: 48, right: 16, top: 16, bottom: 56 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: { ...AXIS_LABEL, interval: 0, rotate: labels.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    series: [
      {
        type: 'bar',
        name,
        data: values,
        barMaxWidth: 48,
        label: { show: true, position: 'top' },
        ...(color ? { itemStyle: { color } } : {}),
      },
    ],
  };
}

/** The years the measures are in force (program.json `validity`): those a call or an assessment can be in. */
function validityYears(program: Program): number[] {
  const first = Number(program.manifest.validity.from.slice(0, 4));
  const last = Number(program.manifest.validity.to.slice(0, 4));
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

/** Actual against goal, in per cent of the goal: the indicators' units differ, the ratio does not. */
const rateOf = (i: StatsIndicator): number | null =>
  i.goal && i.actual !== null ? Math.round((i.actual / i.goal) * 1000) / 10 : null;

/**
 * 统计 (staff): a year's applications by procedure state and by 镇街, the distribution of their
 * aggregated review scores, and the year's assessment results against the goals — each chart
 * with its numbers in a table. The figures are the server's (GET /api/stats); titles of states
 * and indicators come from program.json through it, town names from the programme's reference data.
 */
export function DashboardPage({ programId, query }: { programId: string; query: URLSearchParams }) {
  const [program, setProgram] = useState<Program>();
  const [stats, setStats] = useState<Stats>();
  const [error, setError] = useState<string>();
  const asked = Number(query.get('year')) || undefined;

  useEffect(() => {
    loadProgramme(programId).then(
      ({ program: p }) => setProgram(p),
      (e: Error) => setError(e.message),
    );
  }, [programId]);

  useEffect(() => {
    setStats(undefined);
    statsApi.get(programId, asked).then(setStats, (e: Error) => setError(e.message));
  }, [programId, asked]);

  const towns = useMemo(() => (program ? townNames(program) : new Map<string, string>()), [program]);
  const year = stats?.year ?? asked;
  const years = program ? validityYears(program) : [];

  return (
    <main className="dashboard-page">
      <p className="crumbs">
        <a href={href.home()}>全部项目</a> /{' '}
        <a href={href.staffList(programId)}>{program?.manifest.title ?? programId}</a> / 统计
      </p>
      <div className="page-head">
        <h1>统计</h1>
        <div className="filters">
          <YearSelect
            label="年度"
            years={years}
            value={year}
            testId="dashboard-year"
            onYear={(y) => {
              window.location.hash = href.dashboard(programId, y);
            }}
          />
        </div>
      </div>
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      {/* The figures wait for the programme too: its reference data names each 镇街 code. */}
      {!stats || !program ? <p className="loading">正在加载…</p> : <Figures stats={stats} towns={towns} />}
    </main>
  );
}

/** The figures of one answer (memoised: the charts are drawn again only for new figures). */
const Figures = memo(function Figures({ stats, towns }: { stats: Stats; towns: Map<string, string> }) {
  const { year, scores, assessment: a } = stats;
  const noApplications = stats.total === 0 ? `${year}年度尚无已提交的申报。` : undefined;
  const townName = (t: string | null) => (t ? (towns.get(t) ?? t) : '未填写');
  const buckets = scores.buckets.map((b) => `${n(b.from)}–${n(b.to)}`);
  // Numeric indicators some centre was assessed on with a goal (a set of functions has no sum).
  const numeric = a.indicators.filter((i) => i.kind === 'atLeast' && i.assessed > 0 && !!i.goal);
  const results = [
    { name: '达标', value: a.passed },
    { name: '未达标', value: a.failed },
    { name: '未参加考核', value: a.missed },
    { name: '待考核', value: Math.max(0, a.centres - a.assessed - a.missed) },
  ];

  return (
    <div className="dash-grid" data-testid="dashboard">
      <p className="dash-summary" data-testid="dashboard-summary">
        {year}年度已提交申报 <strong>{stats.total}</strong> 件
        {scores.scored > 0 && (
          <>
            ，已得出评审综合得分 <strong>{scores.scored}</strong> 件
            {scores.mean !== null && `，平均 ${scoreText(scores.mean)} 分`}
          </>
        )}
        ；应参加{year}年度考核的创新中心 <strong>{a.centres}</strong> 家。
      </p>
      <Figure
        id="states"
        title={`${year}年度申报：按办理状态`}
        empty={noApplications}
        option={barOption(
          stats.states.map((s) => s.title),
          stats.states.map((s) => s.count),
          '申报件数',
        )}
        height={300}
        head={['办理状态', '件数']}
        rows={stats.states.map((s) => [s.title, s.count])}
      />
      <Figure
        id="towns"
        title={`${year}年度申报：按镇街`}
        empty={noApplications}
        option={{
          grid: { left: 120, right: 32, top: 8, bottom: 24 },
          tooltip: { trigger: 'axis' },
          yAxis: {
            type: 'category',
            inverse: true,
            data: stats.towns.map((t) => townName(t.town)),
            axisLabel: { ...AXIS_LABEL, interval: 0 },
          },
          xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
          series: [
            {
              type: 'bar',
              name: '申报件数',
              data: stats.towns.map((t) => t.count),
              barMaxWidth: 20,
              label: { show: true, position: 'right' },
              itemStyle: { color: '#16a34a' },
            },
          ],
        }}
        height={Math.max(160, 40 + stats.towns.length * 26)}
        head={['镇街', '件数']}
        rows={stats.towns.map((t) => [townName(t.town), t.count])}
      />
      <Figure
        id="scores"
        title={`${year}年度评审综合得分分布`}
        note={
          scores.pending > 0
            ? `另有 ${scores.pending} 件已有专家评分，但评分份数尚不足以得出综合得分${scores.minReviewers ? `（至少需要 ${scores.minReviewers} 份）` : ''}。`
            : undefined
        }
        empty={scores.scored === 0 ? `${year}年度尚无评审综合得分。` : undefined}
        option={barOption(
          buckets,
          scores.buckets.map((b) => b.count),
          '申报件数',
          '#d97706',
        )}
        height={280}
        head={['得分区间（分）', '件数']}
        rows={scores.buckets.map((b, i) => [buckets[i] as string, b.count])}
      />
      <Figure
        id="results"
        title={`${year}年度考核结果`}
        empty={a.centres === 0 ? `${year}年度尚无应参加考核的创新中心。` : undefined}
        option={{
          tooltip: { trigger: 'item' },
          legend: { bottom: 0 },
          series: [
            {
              type: 'pie',
              name: '创新中心',
              radius: ['40%', '70%'],
              center: ['50%', '45%'],
              data: results.filter((r) => r.value > 0),
              label: { formatter: '{b}：{c} 家' },
            },
          ],
        }}
        height={280}
        head={['考核结果', '创新中心（家）']}
        rows={results.map((r) => [r.name, r.value])}
      />
      <Figure
        id="indicators"
        title={`${year}年度考核指标：目标与实际完成`}
        note="柱长为实际完成值合计占目标值合计的百分比（各指标单位不同）；各指标达到目标的中心数见数据表。"
        empty={a.assessed === 0 ? `${year}年度尚无考核结果。` : undefined}
        wide
        option={{
          grid: { left: 280, right: 56, top: 28, bottom: 24 },
          tooltip: {
            trigger: 'axis',
            valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}%`),
          },
          legend: { top: 0 },
          yAxis: {
            type: 'category',
            inverse: true,
            data: numeric.map((i) => i.title),
            axisLabel: { ...AXIS_LABEL, interval: 0, width: 260, overflow: 'truncate' },
          },
          xAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: '{value}%' } },
          series: [
            {
              type: 'bar',
              name: '目标值',
              data: numeric.map(() => 100),
              barMaxWidth: 14,
              itemStyle: { color: '#9ca3af' },
            },
            {
              type: 'bar',
              name: '实际完成',
              data: numeric.map(rateOf),
              barMaxWidth: 14,
              label: { show: true, position: 'right', formatter: '{c}%' },
            },
          ],
        }}
        height={60 + numeric.length * 44}
        head={['考核指标', '已考核（家）', '达到目标（家）', '目标值合计', '实际完成值合计', '完成率']}
        rows={a.indicators.map((i) => {
          const rate = rateOf(i);
          return [
            i.title,
            i.assessed,
            i.met,
            i.goal === null ? '—' : `${n(i.goal)} ${i.unit}`,
            i.actual === null ? '—' : `${n(i.actual)} ${i.unit}`,
            rate === null ? '—' : `${n(rate)}%`,
          ];
        })}
      />
    </div>
  );
});
