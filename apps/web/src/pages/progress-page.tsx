import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import type { Program } from '@shenbao/core';
import { useEffect, useState } from 'react';
import { api, seg } from '../api/client';
import type { ApplicationSummary } from '../api/types';
import { isRecognisedState } from '../centres/status';
import { type ProcedureView, procedureApi } from '../procedure/api';
import { Deadlines } from '../procedure/deadlines';
import { ArrivalNotice, arrival } from '../procedure/progress';
import { StepBar } from '../procedure/steps';
import { Timeline } from '../procedure/timeline';
import { loadProgramme } from '../programmes';
import { href } from '../router';
import { zonedText } from '../time';

interface Loaded {
  program: Program;
  record: ApplicationSummary;
  view: ProcedureView;
}

async function load(id: string): Promise<Loaded> {
  const [record, view] = await Promise.all([
    api.get<ApplicationSummary>(`/api/applications/${seg(id)}`),
    procedureApi.view(id),
  ]);
  const { program } = await loadProgramme(record.programId);
  return { program, record, view };
}

/**
 * 办理进度: the applicant follows its application — the steps with their dates, the state, what
 * the bureau asks (the corrections to make, all at once) or why it was not passed, and the
 * timeline; an application back in its hands can be corrected and submitted again.
 */
export function ProgressPage({ id }: { id: string }) {
  const [l, setL] = useState<Loaded>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    load(id).then(setL, (e: Error) => setError(e.message));
  }, [id]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!l) return <p className="loading">正在加载…</p>;
  const { program, record, view } = l;
  const tz = program.manifest.timezone;
  const came = arrival(view);
  const edit = href.apply(record.programId, record.year);
  return (
    <main className="progress-page">
      <div className="no-print toolbar">
        <a href={href.mine()}>← 我的申报</a>
        {record.receiptNo && <a href={href.receipt(record.id)}>受理回执</a>}
        {isRecognisedState(program, record.state) && <a href={href.myCentre(record.id)}>我的创新中心</a>}
      </div>
      <h1>
        {record.title || program.manifest.title}
        <span className="year">（{record.year}年度）</span>
      </h1>
      <p className="progress-meta">
        {program.manifest.title} · 申报编号 <span className="sb-mono">{record.receiptNo ?? '—'}</span>
        {record.submittedAt ? ` · 提交于 ${zonedText(record.submittedAt, tz)}` : ''}
      </p>
      <p className="progress-state">
        当前状态：
        <strong data-testid="progress-state" data-state={view.state.id}>
          {view.state.title}
        </strong>
      </p>
      {view.state.editable && came && (
        <Alert
          severity="warning"
          data-testid="corrections"
          action={
            <Button color="inherit" variant="outlined" size="small" href={edit}>
              修改申报书
            </Button>
          }
        >
          请按以下意见一次性补正申报书后重新提交，申报编号不变。
          <ArrivalNotice program={program} entry={came} />
        </Alert>
      )}
      {view.state.editable && !came && (
        <p>
          <a className="primary-link" href={edit}>
            修改申报书
          </a>
        </p>
      )}
      {view.state.final && (
        <Alert
          severity={view.state.outcome === 'rejected' ? 'error' : 'success'}
          data-testid="outcome"
          data-outcome={view.state.outcome ?? ''}
        >
          {view.state.outcome === 'rejected' ? '很遗憾，申报未通过。' : `申报已办结：${view.state.title}。`}
          <ArrivalNotice program={program} entry={came} />
        </Alert>
      )}
      <StepBar program={program} state={view.state} timeline={view.timeline} />
      <Deadlines program={program} deadlines={view.deadlines} staff={false} />
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">办理过程</h2>
        <Timeline program={program} entries={view.timeline} />
      </section>
    </main>
  );
}
