import Alert from '@mui/material/Alert';
import type { Program } from '@shenbao/core';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { ApplicationSummary, Paged, ProgrammeSummary } from '../api/types';
import { isEditableState, stateTitle } from '../application/states';
import { isRecognisedState } from '../centres/status';
import { loadProgramme, programmeSummaries } from '../programmes';
import { href } from '../router';
import { targetYears } from '../targets-api';
import { zonedText } from '../time';

interface MineData {
  items: ApplicationSummary[];
  programmes: ProgrammeSummary[];
  /** Per programme with online submission: the years with published targets and no application yet. */
  open: { programme: ProgrammeSummary; years: number[] }[];
  /** Each programme (its time zone, its procedure's state titles), by id. */
  programs: Map<string, Program>;
}

async function loadMine(): Promise<MineData> {
  const [list, programmes] = await Promise.all([
    api.get<Paged<ApplicationSummary>>('/api/applications?pageSize=100'),
    programmeSummaries(),
  ]);
  const open = await Promise.all(
    programmes
      .filter((p) => p.submissionForm)
      .map(async (programme) => {
        const years = (await targetYears(programme.id)).filter((y) => y.published).map((y) => y.year);
        const have = new Set(list.items.filter((a) => a.programId === programme.id).map((a) => a.year));
        return { programme, years: years.filter((y) => !have.has(y)) };
      }),
  );
  const ids = [...new Set(list.items.map((a) => a.programId))];
  const programs = new Map<string, Program>();
  await Promise.all(
    ids.map((id) =>
      loadProgramme(id).then(
        ({ program }) => programs.set(id, program),
        () => undefined,
      ),
    ),
  );
  return { items: list.items, programmes, open, programs };
}

/** 我的申报: every application of the organisation with its state, and where a new one can start. */
export function MinePage() {
  const [data, setData] = useState<MineData>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    loadMine().then(setData, (e: Error) => setError(e.message));
  }, []);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!data) return <p className="loading">正在加载…</p>;
  const title = (pid: string) => data.programmes.find((p) => p.id === pid)?.title ?? pid;
  return (
    <main className="mine-page">
      <h1>我的申报</h1>
      {data.items.length === 0 ? (
        <p>本单位还没有申报记录。</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table list-table" data-testid="mine">
            <thead>
              <tr>
                <th scope="col">项目</th>
                <th scope="col">年度</th>
                <th scope="col">状态</th>
                <th scope="col">申报编号</th>
                <th scope="col">最后保存</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => {
                const program = data.programs.get(a.programId);
                const editable = isEditableState(program, a.state);
                const started = a.receiptNo !== null;
                return (
                  <tr key={a.id} data-application={a.id} data-state={a.state}>
                    <td data-label="项目">{title(a.programId)}</td>
                    <td data-label="年度">{a.year}</td>
                    <td data-label="状态">
                      <span className={`state state-${a.state}`}>{stateTitle(program, a.state)}</span>
                    </td>
                    <td data-label="申报编号" className="sb-mono">
                      {a.receiptNo ?? '—'}
                    </td>
                    <td data-label="最后保存">{zonedText(a.updatedAt, program?.manifest.timezone)}</td>
                    <td data-label="操作" className="row-actions">
                      <a href={href.apply(a.programId, a.year)}>{editable ? '继续填写' : '查看'}</a>
                      {started && <a href={href.progress(a.id)}>办理进度</a>}
                      {isRecognisedState(program, a.state) && <a href={href.myCentre(a.id)}>我的创新中心</a>}
                      {started && <a href={href.receipt(a.id)}>受理回执</a>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data.open.some((o) => o.years.length > 0) && (
        <section className="start-new" aria-labelledby="start-title">
          <h2 id="start-title">可以开始的申报</h2>
          <ul>
            {data.open.flatMap((o) =>
              o.years.map((y) => (
                <li key={`${o.programme.id}-${y}`} data-programme={o.programme.id}>
                  {o.programme.title}（{y}年度）{' '}
                  <a className="primary-link" href={href.apply(o.programme.id, y)}>
                    开始申报
                  </a>
                </li>
              )),
            )}
          </ul>
        </section>
      )}
    </main>
  );
}
