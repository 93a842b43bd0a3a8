import Alert from '@mui/material/Alert';
import type { Program } from '@shenbao/core';
import { useEffect, useRef, useState } from 'react';
import { type CentreView, type CentreYear, centresApi } from '../centres/api';
import { ChangeForm, ChangesTable, dayText } from '../centres/changes';
import { GoalsForm } from '../centres/goals-form';
import { SelfAssessmentForm } from '../centres/self-assessment-form';
import { centreStatus, recognisedOn } from '../centres/status';
import { YearDocuments } from '../centres/year-documents';
import { answerableYears, useYearTargets } from '../centres/year-targets';
import { CentreYears, isOpenYear } from '../centres/years';
import { loadProgramme } from '../programmes';
import { href } from '../router';

/**
 * 我的创新中心 (the operator of a recognised centre): its brand and validity, and for each year the
 * goals it commits (第十一条), the self-assessment it hands in with its report (第十二条), the
 * result once assessed; and the major changes it reports (第十六条), late ones flagged 逾期.
 */
export function CentreOperatorPage({ id }: { id: string }) {
  const [program, setProgram] = useState<Program>();
  const [centre, setCentre] = useState<CentreView>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<{ text: string; warn?: boolean }>();
  const statusRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    centresApi
      .get(id)
      .then(async (c) => {
        const { program: p } = await loadProgramme(c.programId);
        setProgram(p);
        setCentre(c);
      })
      .catch((e: Error) => setError(e.message));
  }, [id]);
  useEffect(() => {
    if (notice) statusRef.current?.focus();
  }, [notice]);

  const lastYear = program ? Number(program.manifest.validity.to.slice(0, 4)) : 0;
  const years = centre && program ? answerableYears(centre, lastYear, new Date().getFullYear()) : [];
  const targets = useYearTargets(centre?.programId ?? '', centre ? years.map((y) => y.year) : []);

  const done = async (message: string): Promise<void> => {
    try {
      setCentre(await centresApi.get(id));
      setError(undefined);
      setNotice({ text: message });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const submit = async (y: CentreYear, data: unknown): Promise<void> => {
    setNotice(undefined);
    try {
      const r = await centresApi.submitSelfAssessment(id, y.year, data);
      await done([`${y.year}年度绩效自评已报送`, ...(r.warnings ?? [])].join('；'));
    } catch (e) {
      setError((e as Error).message);
      statusRef.current?.focus();
    }
  };

  if (!centre || !program)
    return error ? <Alert severity="error">{error}</Alert> : <p className="loading">正在加载…</p>;
  const status = centreStatus(centre);
  const active = centre.status === 'active';
  const validity = program.manifest.validity;
  const assessment = program.manifest.assessment;
  return (
    <main className="centre-page centre-operator" data-testid="my-centre" data-status={status.key}>
      <div className="no-print toolbar">
        <a href={href.mine()}>← 我的申报</a>
        <a href={href.progress(centre.id)}>办理进度</a>
      </div>
      <div className="page-head">
        <h1>{centre.brand}</h1>
        <span className={`state centre-${status.key}`} data-testid="centre-status">
          {status.text}
        </span>
      </div>
      <dl className="centre-facts">
        <dt>运营单位</dt>
        <dd>{centre.operator}</dd>
        <dt>认定日期</dt>
        <dd>{dayText(recognisedOn(centre))}</dd>
        <dt>有效期</dt>
        <dd data-testid="validity">
          至{dayText(validity.to)}（{program.manifest.basis.docNo}有效期，{validity.article}）
        </dd>
        <dt>申报编号</dt>
        <dd className="sb-mono">{centre.receiptNo ?? '—'}</dd>
      </dl>
      <div ref={statusRef} tabIndex={-1} className="action-status">
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        {notice && !error && (
          <Alert severity={notice.warn ? 'warning' : 'success'} role="status" data-testid="notice">
            {notice.text}
          </Alert>
        )}
      </div>
      {centre.revocation && (
        <Alert
          severity={centre.revocation.status === 'decided' ? 'error' : 'warning'}
          data-testid="revocation"
        >
          {centre.revocation.status === 'decided' ? '已撤销认定' : '拟撤销认定'}：{centre.revocation.article}
          {centre.revocation.groundText}
          {centre.revocation.ban ? `。${centre.revocation.ban.text}` : ''}
        </Alert>
      )}

      {assessment && (
        <section aria-labelledby="years-title">
          <h2 id="years-title">年度绩效（{assessment.article}）</h2>
          <CentreYears years={years}>
            {(y) => {
              const t = targets?.get(y.year);
              const open = active && isOpenYear(y);
              return (
                <div className="centre-year-actions">
                  {open && targets && t === undefined && (
                    <p className="centre-goal-hint">{y.year}年度绩效目标要求尚未发布。</p>
                  )}
                  {open && t !== undefined && y.goalsSetRole !== 'staff' && (
                    <details className="centre-step" open={!y.goals}>
                      <summary>{y.goals ? '修改年度绩效目标' : '填报年度绩效目标'}</summary>
                      <GoalsForm
                        key={`${y.year}-${y.goalsSetAt ?? ''}`}
                        program={program}
                        centreId={centre.id}
                        year={y}
                        targets={t}
                        onSaved={(_, warnings) =>
                          void done([`${y.year}年度绩效目标已保存`, ...warnings].join('；'))
                        }
                      />
                    </details>
                  )}
                  {open && y.goals && (
                    <details className="centre-step" open={!y.submittedAt}>
                      <summary>{y.submittedAt ? '修改并重新报送自评' : '填写绩效自评'}</summary>
                      <SelfAssessmentForm
                        key={`${y.year}-${y.submittedAt ?? ''}`}
                        program={program}
                        form={assessment.form}
                        year={y}
                        targets={t}
                        onSubmit={(data) => void submit(y, data)}
                      />
                    </details>
                  )}
                  {y.submittedAt && <YearDocuments program={program} centreId={centre.id} year={y.year} />}
                </div>
              );
            }}
          </CentreYears>
        </section>
      )}

      <section aria-labelledby="changes-title">
        <h2 id="changes-title">重大事项报告（{program.manifest.procedure.majorChange.article}）</h2>
        <ChangesTable changes={centre.changes} />
        {active && (
          <ChangeForm program={program} centre={centre} onDone={(_, message) => void done(message)} />
        )}
      </section>
    </main>
  );
}
