import Alert from '@mui/material/Alert';
import type { Program } from '@shenbao/core';
import { REVIEW_CSS, ReviewView, type SchemaNode } from '@shenbao/forms';
import { useEffect, useRef, useState } from 'react';
import { api, seg } from '../api/client';
import type { ApplicationRecord } from '../api/types';
import { type Refusal, RefusalAlert, refusalOf } from '../procedure/actions-panel';
import { type ProcedureView, procedureApi } from '../procedure/api';
import { RecordForm } from '../procedure/record-form';
import { scoreText } from '../procedure/reviews-table';
import { loadProgramme } from '../programmes';
import { href } from '../router';
import { publishedTargets } from '../targets-api';
import { zonedText } from '../time';

interface Loaded {
  program: Program;
  record: ApplicationRecord;
  schema: SchemaNode;
  view: ProcedureView;
  /** The review form's data as it was on opening (the form keeps its own state afterwards). */
  initial: unknown;
}

async function load(id: string): Promise<Loaded> {
  const [record, view] = await Promise.all([
    api.get<ApplicationRecord>(`/api/applications/${seg(id)}`),
    procedureApi.view(id),
  ]);
  const [{ program }, targets] = await Promise.all([
    loadProgramme(record.programId),
    publishedTargets(record.programId, record.year),
  ]);
  const schema = targets
    ? program.schemaFor({ form: record.form, targets: targets.data })
    : program.formSchema(record.form);
  return { program, record, schema, view, initial: view.reviews?.mine?.data };
}

/**
 * 评审: an assigned reviewer reads the application and fills the programme's review form
 * (procedure.review.form); it may be changed and saved again while the review is open.
 */
export function ReviewFormPage({ id }: { id: string }) {
  const [l, setL] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [refusal, setRefusal] = useState<Refusal>();
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    load(id).then(setL, (e: Error) => setError(e.message));
  }, [id]);
  useEffect(() => {
    if (saved || refusal) statusRef.current?.focus();
  }, [saved, refusal]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!l) return <p className="loading">正在加载…</p>;
  const { program, record, view } = l;
  const spec = program.manifest.procedure.review;
  const open = spec?.states.includes(record.state) === true;
  const mine = view.reviews?.mine ?? undefined;
  const tz = program.manifest.timezone;

  const save = async (data: unknown): Promise<void> => {
    setSaved(undefined);
    setRefusal(undefined);
    try {
      const r = await procedureApi.saveReview(record.id, data);
      setSaved(
        `评分已提交${r.score === null ? '' : `，得分 ${scoreText(r.score)} 分`}（${zonedText(r.submittedAt, tz)}）。`,
      );
      setL({ ...l, view: { ...view, reviews: { count: view.reviews?.count ?? 0, mine: r } } });
    } catch (e) {
      setRefusal(refusalOf(e));
    }
  };

  return (
    <main className="review-form-page">
      <style>{REVIEW_CSS}</style>
      <div className="no-print toolbar">
        <a href={href.reviewerQueue()}>← 返回评审任务</a>
      </div>
      <h1>
        评审：{record.orgName}
        <span className="year">（{record.year}年度）</span>
      </h1>
      <p className="review-meta">
        {program.manifest.title} · 申报编号 {record.receiptNo ?? '—'} · 当前状态：{view.state.title}
      </p>
      <div ref={statusRef} tabIndex={-1} className="action-status">
        {saved && (
          <Alert severity="success" role="status" data-testid="review-saved">
            {saved}
          </Alert>
        )}
        {refusal && <RefusalAlert refusal={refusal} />}
      </div>
      {mine && !saved && (
        <p data-testid="review-mine">
          您已于 {zonedText(mine.submittedAt, tz)} 提交评分
          {mine.score === null ? '' : `（${scoreText(mine.score)} 分）`}
          {open ? '，可修改后重新提交。' : '。'}
        </p>
      )}
      {spec && open ? (
        <section aria-labelledby="review-form-title" className="review-form">
          <h2 id="review-form-title">{program.manifest.forms[spec.form]?.title ?? '评审表'}</h2>
          <RecordForm
            program={program}
            form={spec.form}
            initial={l.initial}
            submitLabel="提交评分"
            onSubmit={(data) => void save(data)}
          />
        </section>
      ) : (
        <Alert severity="info">当前状态「{view.state.title}」不在评审阶段，不能评分。</Alert>
      )}
      <section aria-labelledby="application-title" className="review-application">
        <h2 id="application-title">申报书</h2>
        <ReviewView
          program={program}
          schema={l.schema}
          uischema={program.uiSchema(record.form)}
          data={record.data}
        />
      </section>
    </main>
  );
}
