import Alert from '@mui/material/Alert';
import type { Program } from '@shenbao/core';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { ApplicationSummary, Paged } from '../api/types';
import { type ProcedureView, procedureApi } from '../procedure/api';
import { scoreText } from '../procedure/reviews-table';
import { loadProgramme } from '../programmes';
import { href } from '../router';
import { zonedText } from '../time';

interface Row {
  app: ApplicationSummary;
  program: Program | undefined;
  view: ProcedureView | undefined;
}

async function loadQueue(): Promise<Row[]> {
  const list = await api.get<Paged<ApplicationSummary>>('/api/applications?pageSize=100');
  const programs = new Map<string, Program | undefined>();
  await Promise.all(
    [...new Set(list.items.map((a) => a.programId))].map((id) =>
      loadProgramme(id).then(
        ({ program }) => programs.set(id, program),
        () => programs.set(id, undefined),
      ),
    ),
  );
  return Promise.all(
    list.items.map(async (app) => ({
      app,
      program: programs.get(app.programId),
      view: await procedureApi.view(app.id).catch(() => undefined),
    })),
  );
}

/** Whether the application is in one of its programme's review states (评分 is open). */
const inReview = (r: Row): boolean =>
  r.program?.manifest.procedure.review?.states.includes(r.app.state) === true;

/** 评审任务: the applications assigned to this reviewer, whether it has scored each, and the way in. */
export function ReviewerQueuePage() {
  const [rows, setRows] = useState<Row[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    loadQueue().then(setRows, (e: Error) => setError(e.message));
  }, []);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!rows) return <p className="loading">正在加载…</p>;
  const waiting = rows.filter((r) => inReview(r) && !r.view?.reviews?.mine).length;
  return (
    <main className="reviewer-queue">
      <h1>评审任务</h1>
      <p>
        共 {rows.length} 份分配给您的申报，其中 <strong data-testid="waiting">{waiting}</strong> 份待评分。
      </p>
      {rows.length === 0 ? (
        <p>暂无分配给您的申报。</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table list-table" data-testid="queue">
            <thead>
              <tr>
                <th scope="col">申报单位</th>
                <th scope="col">项目</th>
                <th scope="col">申报编号</th>
                <th scope="col">状态</th>
                <th scope="col">我的评分</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const mine = r.view?.reviews?.mine;
                const open = inReview(r);
                return (
                  <tr key={r.app.id} data-application={r.app.id} data-scored={mine ? 'true' : 'false'}>
                    <td data-label="申报单位">{r.app.orgName}</td>
                    <td data-label="项目">{r.program?.manifest.title ?? r.app.programId}</td>
                    <td data-label="申报编号" className="sb-mono">
                      {r.app.receiptNo ?? '—'}
                    </td>
                    <td data-label="状态">{r.view?.state.title ?? r.app.state}</td>
                    <td data-label="我的评分">
                      {mine
                        ? `已评分${mine.score === null ? '' : ` ${scoreText(mine.score)} 分`}（${zonedText(
                            mine.submittedAt,
                            r.program?.manifest.timezone,
                          )}）`
                        : open
                          ? '待评分'
                          : '未评分'}
                    </td>
                    <td data-label="操作" className="row-actions">
                      <a href={href.reviewForm(r.app.id)}>{open ? (mine ? '修改评分' : '评分') : '查看'}</a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
