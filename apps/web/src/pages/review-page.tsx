import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { FormValidator, REVIEW_CSS, ReviewView } from '@shenbao/forms';
import { useEffect, useState } from 'react';
import { useSession } from '../api/session';
import { currentHash, href } from '../router';
import { zonedText } from '../time';
import { FormAccessError, type LoadedForm, loadForm } from './load-form';

/** What the form page shows, read-only and printable. */
export function ReviewPage({ programId, query }: { programId: string; query: URLSearchParams }) {
  const session = useSession();
  const [l, setL] = useState<LoadedForm>();
  const [error, setError] = useState<string>();
  const q = query.toString();
  const who = session.status === 'user' ? session.user.id : session.status;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `who` stands for the session
  useEffect(() => {
    if (who === 'loading') return;
    const params = new URLSearchParams(q);
    loadForm(programId, params.get('form') ?? undefined, params, session).then(setL, (e: Error) => {
      if (e instanceof FormAccessError && e.needs === 'login')
        window.location.replace(href.login(currentHash()));
      else setError(e.message);
    });
  }, [programId, q, who]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!l) return <p className="loading">正在加载…</p>;
  const errors = new FormValidator(l.program, l.schema, l.uischema).full(l.store.getData());
  const tz = l.program.manifest.timezone;
  const server = l.mode.kind === 'server' ? l.mode.app.record : undefined;
  const savedAt = server ? server.updatedAt : l.mode.kind === 'local' ? l.mode.savedAt : undefined;
  const back =
    l.form === l.program.manifest.eligibility?.form || l.form === l.program.manifest.submission?.form
      ? href.apply(programId, l.year)
      : href.form(programId, l.form);
  return (
    <main className="review-page">
      <style>{REVIEW_CSS}</style>
      <div className="no-print toolbar">
        <a href={back}>← 返回填报</a>
        <Button variant="contained" size="small" onClick={() => window.print()}>
          打印
        </Button>
      </div>
      <h1 className="review-title">
        {l.formTitle}
        {l.year !== undefined ? `（${l.year}年度）` : ''}
      </h1>
      <p className="review-meta">
        {l.program.manifest.authority} · {savedAt ? `保存于 ${zonedText(savedAt, tz)}` : '尚未保存'}
        {server?.submittedAt
          ? ` · 已于 ${zonedText(server.submittedAt, tz)} 提交，申报编号 ${server.receiptNo ?? ''}`
          : ''}
      </p>
      {l.mode.kind === 'server' && l.mode.opened.decision === 'conflict' && (
        <Alert severity="warning" className="no-print">
          本机有尚未同步的修改，与服务器上的版本不一致；此处显示服务器上的版本。请回到填报页面选择保留哪个版本。
        </Alert>
      )}
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
