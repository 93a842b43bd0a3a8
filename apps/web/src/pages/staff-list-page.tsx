import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import type { Program } from '@shenbao/core';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { api, queryString } from '../api/client';
import type { ApplicationSummary, Paged } from '../api/types';
import { staffStates, stateTitle } from '../application/states';
import { BatchActions, type BatchOutcome } from '../procedure/batch-actions';
import { loadProgramme } from '../programmes';
import { href } from '../router';
import { targetYears } from '../targets-api';
import { zonedText } from '../time';
import { townOptions } from '../towns';
import { DuePanel } from './due-panel';
import { SORTABLE, type Sort, staffListFilters, staffListPath } from './staff-list-query';

/** A page of the list with the server's counts per state (same filters, any state). */
type ListPage = Paged<ApplicationSummary> & { counts?: Record<string, number> };

/**
 * 申报列表 (staff): the programme's applications that reached the bureau, filtered by state (with
 * the server's count of each), year, 镇街 and text (applicant, USCC, 申报编号), sorted by the
 * server, a page at a time; each opens on its own page. The same filters export to Excel.
 */
export function StaffListPage({ programId, query }: { programId: string; query: URLSearchParams }) {
  const [program, setProgram] = useState<Program>();
  const [years, setYears] = useState<number[]>([]);
  /** The list shown, with the query it answers: while the next one loads, the last stays (marked busy). */
  const [shown, setShown] = useState<{ query: string; list: ListPage }>();
  const [error, setError] = useState<string>();
  const filters = staffListFilters(query);
  const key = query.toString();
  const [reloads, setReloads] = useState(0);
  /** What the list shows answers this: the address's query and the reloads after batches. */
  const listQuery = `${programId}?${key}#${reloads}`;
  const [q, setQ] = useState(filters.q);
  /** The applications ticked for a batch (only while one state is shown), and what the last batch did. */
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<BatchOutcome>();

  useEffect(() => {
    Promise.all([loadProgramme(programId), targetYears(programId)]).then(
      ([{ program: p }, ys]) => {
        setProgram(p);
        setYears(ys.map((y) => y.year));
      },
      (e: Error) => setError(e.message),
    );
  }, [programId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the query the filters come from
  useEffect(() => {
    let current = true;
    setChosen(new Set());
    api.get<ListPage>(staffListPath(programId, filters)).then(
      (list) => current && setShown({ query: listQuery, list }),
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [programId, key, reloads]);
  const page = shown?.list;
  const busy = shown !== undefined && shown.query !== listQuery;

  const towns = useMemo(() => (program ? townOptions(program) : []), [program]);
  const states = useMemo(() => staffStates(program), [program]);
  const townName = (code: string | null) =>
    code ? (towns.find((t) => t.value === code)?.label ?? code) : '—';
  const go = (patch: Partial<typeof filters>): void => {
    window.location.hash = href.staffList(programId, { ...filters, ...patch });
  };
  const search = (e: FormEvent): void => {
    e.preventDefault();
    go({ q, page: 1 });
  };
  const counts = page?.counts;
  const countText = (n: number | undefined): string => (counts ? `（${n ?? 0}）` : '');
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : undefined;
  // The whole list as filtered and sorted here, without paging.
  const { state, year, town, sort, order } = filters;
  const exportHref = `/api/exports/applications.xlsx${queryString({ programId, state, year, town, q: filters.q, sort, order })}`;

  /** A column header that sorts by `sort`: a second click turns the order round. */
  const header = (label: string, sort: Sort) => {
    const current = filters.sort === sort;
    const order = current ? filters.order || SORTABLE[sort] : undefined;
    const next = current ? (order === 'asc' ? 'desc' : 'asc') : SORTABLE[sort];
    return (
      <th
        scope="col"
        aria-sort={order === 'asc' ? 'ascending' : order === 'desc' ? 'descending' : undefined}
        data-sort={sort}
      >
        <button
          type="button"
          className="sort-button"
          onClick={() => go({ sort, order: next, page: 1 })}
          title={`按${label}${next === 'asc' ? '升序' : '降序'}排列`}
        >
          {label}
          <span className="sort-mark" aria-hidden="true">
            {order === 'asc' ? '▲' : order === 'desc' ? '▼' : '↕'}
          </span>
        </button>
      </th>
    );
  };

  if (error) return <Alert severity="error">{error}</Alert>;
  /** Batches act on one state at a time: the list shows boxes once a state is chosen. */
  const batching = filters.state !== '';
  const pages = page ? Math.max(1, Math.ceil(page.total / page.pageSize)) : 1;
  return (
    <main className="staff-list">
      <p className="crumbs">
        <a href={href.home()}>全部项目</a> / {program?.manifest.title ?? programId} / 申报列表
      </p>
      <div className="page-head">
        <h1>申报列表</h1>
        <nav className="page-links" aria-label="办理">
          <a className="page-link" href={href.notices(programId)}>
            公示与公告
          </a>
          <a className="page-link" href={href.centres(programId)}>
            创新中心
          </a>
          <a className="page-link" href={href.targets(programId)}>
            年度要求
          </a>
          <a className="page-link" href={href.dashboard(programId)}>
            统计
          </a>
        </nav>
      </div>
      <DuePanel program={program} programId={programId} />
      <form className="filters" onSubmit={search} aria-label="筛选">
        <label>
          状态
          <select
            value={filters.state}
            onChange={(e) => go({ state: e.target.value, page: 1 })}
            data-testid="state-filter"
          >
            <option value="">全部{countText(total)}</option>
            {states.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
                {countText(counts?.[s.id])}
              </option>
            ))}
          </select>
        </label>
        <label>
          年度
          <select value={filters.year} onChange={(e) => go({ year: e.target.value, page: 1 })}>
            <option value="">全部</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        {towns.length > 0 && (
          <label>
            镇街
            <select value={filters.town} onChange={(e) => go({ town: e.target.value, page: 1 })}>
              <option value="">全部</option>
              {towns.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          关键词
          <input
            type="search"
            value={q}
            placeholder="单位名称、信用代码或申报编号"
            onChange={(e) => setQ(e.target.value)}
          />
        </label>
        <Button type="submit" variant="contained" size="small">
          查询
        </Button>
        <a className="export-link" href={exportHref} download data-testid="export-xlsx">
          导出 Excel
        </a>
      </form>
      {outcome && (
        <Alert
          severity={outcome.refused.length > 0 ? 'warning' : 'success'}
          role="status"
          closeText="关闭"
          onClose={() => setOutcome(undefined)}
          data-testid="batch-outcome"
        >
          已办理「{outcome.title}」{outcome.done} 份
          {outcome.refused.length > 0 && `，${outcome.refused.length} 份未能办理：`}
          {outcome.refused.length > 0 && (
            <ul>
              {outcome.refused.map((r) => (
                <li key={r.title}>
                  {r.title}：{r.message}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {batching && page && program && !busy && page.items.length > 0 && (
        <BatchActions
          program={program}
          programId={programId}
          state={filters.state}
          items={page.items
            .filter((a) => chosen.has(a.id))
            .map((a) => ({ id: a.id, version: a.version, title: a.title || a.orgName }))}
          onDone={(o) => {
            setOutcome(o);
            setReloads((n) => n + 1);
          }}
        />
      )}
      {/* The rows wait for the programme too: its reference data names each 镇街 code. */}
      {!page || !program ? (
        <p className="loading">正在加载…</p>
      ) : page.items.length === 0 ? (
        <p data-testid="staff-empty" data-list={shown?.query} aria-busy={busy}>
          没有符合条件的申报。
        </p>
      ) : (
        <div className="table-scroll">
          <table
            className={busy ? 'data-table list-table busy' : 'data-table list-table'}
            data-testid="staff-list"
            data-list={shown?.query}
            aria-busy={busy}
          >
            <thead>
              <tr>
                {batching && (
                  <th scope="col" className="pick">
                    <input
                      type="checkbox"
                      aria-label="选择本页全部申报"
                      checked={page.items.every((a) => chosen.has(a.id))}
                      onChange={(e) =>
                        setChosen(new Set(e.target.checked ? page.items.map((a) => a.id) : []))
                      }
                    />
                  </th>
                )}
                {header('申报编号', 'receipt_no')}
                {header('申报单位', 'title')}
                <th scope="col">统一社会信用代码</th>
                <th scope="col">年度</th>
                {header('镇街', 'town')}
                {header('状态', 'state')}
                {header('提交时间', 'submitted_at')}
              </tr>
            </thead>
            <tbody>
              {page.items.map((a) => (
                <tr key={a.id} data-application={a.id} data-state={a.state}>
                  {batching && (
                    <td className="pick">
                      <input
                        type="checkbox"
                        aria-label={`选择 ${a.title || a.orgName}`}
                        checked={chosen.has(a.id)}
                        onChange={(e) => {
                          const next = new Set(chosen);
                          if (e.target.checked) next.add(a.id);
                          else next.delete(a.id);
                          setChosen(next);
                        }}
                      />
                    </td>
                  )}
                  <td data-label="申报编号" className="sb-mono">
                    <a href={href.staffApplication(programId, a.id)}>{a.receiptNo ?? '（未编号）'}</a>
                  </td>
                  <td data-label="申报单位">{a.title || a.orgName}</td>
                  <td data-label="统一社会信用代码" className="sb-mono">
                    {a.orgUscc}
                  </td>
                  <td data-label="年度">{a.year}</td>
                  <td data-label="镇街">{townName(a.town)}</td>
                  <td data-label="状态">{stateTitle(program, a.state)}</td>
                  <td data-label="提交时间">
                    {program ? zonedText(a.submittedAt, program.manifest.timezone) : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && page.total > 0 && (
        <nav className="pager" aria-label="分页">
          <Button size="small" disabled={filters.page <= 1} onClick={() => go({ page: filters.page - 1 })}>
            上一页
          </Button>
          <span>
            共 {page.total} 条，第 {filters.page}/{pages} 页
          </span>
          <Button
            size="small"
            disabled={filters.page >= pages}
            onClick={() => go({ page: filters.page + 1 })}
          >
            下一页
          </Button>
        </nav>
      )}
    </main>
  );
}
