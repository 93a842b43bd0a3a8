import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { FormValidator, REVIEW_CSS, ReviewView } from '@shenbao/forms';
import { useEffect, useState } from 'react';
import { href } from '../router';
import { type LoadedForm, loadForm } from './load-form';

/** The saved draft, read-only and printable. */
export function ReviewPage({ programId, query }: { programId: string; query: URLSearchParams }) {
  const [l, setL] = useState<LoadedForm>();
  const [error, setError] = useState<string>();
  const q = query.toString();
  useEffect(() => {
    const params = new URLSearchParams(q);
    loadForm(programId, params.get('form') ?? undefined, params).then(setL, (e: Error) =>
      setError(e.message),
    );
  }, [programId, q]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!l) return <p className="loading">正在加载…</p>;
  const errors = new FormValidator(l.program, l.schema, l.uischema).full(l.store.getData());
  return (
    <main className="review-page">
      <style>{REVIEW_CSS}</style>
      <div className="no-print toolbar">
        <a
          href={
            l.form === l.program.manifest.eligibility?.form
              ? href.apply(programId)
              : href.form(programId, l.form)
          }
        >
          ← 返回填报
        </a>
        <Button variant="contained" size="small" onClick={() => window.print()}>
          打印
        </Button>
      </div>
      <h1 className="review-title">
        {l.formTitle}
        {l.year !== undefined ? `（${l.year}年度）` : ''}
      </h1>
      <p className="review-meta">
        {l.program.manifest.authority} ·{' '}
        {l.draft.savedAt ? `草稿保存于 ${new Date(l.draft.savedAt).toLocaleString('zh-CN')}` : '尚未保存草稿'}
        {l.draft.submittedAt ? ` · 已于 ${new Date(l.draft.submittedAt).toLocaleString('zh-CN')} 提交` : ''}
      </p>
      <ValidityNote count={errors.size} />
      <ReviewView program={l.program} schema={l.schema} uischema={l.uischema} data={l.store.getData()} />
    </main>
  );
}

function ValidityNote({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <Alert
      severity="warning"
      className="no-print"
    >{`尚有 ${count} 处未填写完整或有误，打印件仅供核对。`}</Alert>
  );
}
