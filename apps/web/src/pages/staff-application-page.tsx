import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { getPointer, type Program } from '@shenbao/core';
import { REVIEW_CSS, ReviewView, type SchemaNode, sizeText } from '@shenbao/forms';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, download, seg } from '../api/client';
import { ROLE_NAMES } from '../api/session';
import type { ApplicationRecord, AuditEntry, Role } from '../api/types';
import { titleAt } from '../application/data-diff';
import { auditActionName, isEditableState, opName, stateTitle } from '../application/states';
import { applicantDocuments, applicationDocument, downloadBlob } from '../documents/documents';
import { ActionsPanel } from '../procedure/actions-panel';
import { type ProcedureView, procedureApi, type ReviewsView } from '../procedure/api';
import { Deadlines } from '../procedure/deadlines';
import { Objections, takesObjections } from '../procedure/objections';
import { ReviewerAssignment } from '../procedure/reviewer-assignment';
import { ReviewsTable } from '../procedure/reviews-table';
import { StepBar } from '../procedure/steps';
import { Timeline } from '../procedure/timeline';
import { loadProgramme } from '../programmes';
import { href } from '../router';
import { publishedTargets } from '../targets-api';
import { zonedText } from '../time';

interface Loaded {
  program: Program;
  record: ApplicationRecord;
  schema: SchemaNode;
  audit: AuditEntry[];
  procedure: ProcedureView;
  /** The current round's reviews, when the programme has a review step and it has begun. */
  reviews: ReviewsView | undefined;
}

async function load(programId: string, id: string): Promise<Loaded> {
  const [{ program }, record, audit, procedure] = await Promise.all([
    loadProgramme(programId),
    api.get<ApplicationRecord>(`/api/applications/${seg(id)}`),
    api.get<AuditEntry[]>(`/api/applications/${seg(id)}/audit`),
    procedureApi.view(id),
  ]);
  const review = program.manifest.procedure.review;
  const reviewing = review?.states.includes(record.state) || (procedure.reviews?.count ?? 0) > 0;
  const [targets, reviews] = await Promise.all([
    publishedTargets(programId, record.year),
    reviewing ? procedureApi.reviews(id) : undefined,
  ]);
  const schema = targets
    ? program.schemaFor({ form: record.form, targets: targets.data })
    : program.formSchema(record.form);
  return { program, record, schema, audit, procedure, reviews };
}

interface FileRow {
  name?: string;
  size?: number;
  sha256?: string;
}

/** What an audit entry changed: the fields its JSON Patch touches, by their titles in the form. */
function patchSummary(patch: unknown, schema: SchemaNode): string {
  if (!Array.isArray(patch) || patch.length === 0) return '—';
  const parts = patch.map((op: { op?: string; path?: string }) =>
    `${opName(op.op ?? '')} ${op.path ? titleAt(schema, op.path) : '全部内容'}`.trim(),
  );
  return parts.length > 6 ? `${parts.slice(0, 6).join('；')} 等 ${parts.length} 处` : parts.join('；');
}

/**
 * One application as staff read it: where it stands in the procedure (steps, state, deadlines
 * with their countdown), exactly the actions the server offers this user now, objections during
 * 公示, the reviews, the timeline; then the whole form read-only, its files, documents and audit.
 */
export function StaffApplicationPage({ programId, id }: { programId: string; id: string }) {
  const [l, setL] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  /** What the last action did (or why the page was reloaded): announced, and focused. */
  const [status, setStatus] = useState<{ text: string; severity: 'success' | 'warning' }>();
  const statusRef = useRef<HTMLDivElement>(null);
  /** The last action handed the application back to the applicant: this page has nothing more to show. */
  const [handedBack, setHandedBack] = useState<string>();
  const reload = useCallback(
    (then?: { text: string; severity: 'success' | 'warning' }) =>
      load(programId, id).then(
        (next) => {
          setL(next);
          if (then) setStatus(then);
        },
        (e: Error) => setError(e.message),
      ),
    [programId, id],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    if (status || handedBack) statusRef.current?.focus();
  }, [status, handedBack]);
  if (handedBack)
    return (
      <main className="staff-application">
        <div ref={statusRef} tabIndex={-1} className="action-status">
          <Alert severity="success" role="status" data-testid="action-status">
            {handedBack}
          </Alert>
        </div>
        <p>
          <a href={href.staffList(programId)}>← 返回申报列表</a>
        </p>
      </main>
    );
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!l) return <p className="loading">正在加载…</p>;
  const { program, record, procedure } = l;
  const tz = program.manifest.timezone;
  const pointer = program.manifest.submission?.attachments;
  const files = ((pointer ? getPointer(record.data, pointer) : undefined) ?? []) as FileRow[];
  const docs = applicantDocuments(program, record.form, record.data);

  const fetchFile = async (f: FileRow): Promise<void> => {
    try {
      const blob = await download(`/api/applications/${seg(record.id)}/attachments/${seg(f.sha256 ?? '')}`);
      downloadBlob(blob, f.name ?? 'attachment');
    } catch (e) {
      setNotice(`下载“${f.name}”失败：${(e as Error).message}`);
    }
  };
  const fetchDoc = async (docId: string, title: string): Promise<void> => {
    try {
      downloadBlob(
        await applicationDocument(record.id, docId),
        `${title}-${record.receiptNo ?? record.orgName}.docx`,
      );
    } catch (e) {
      setNotice(`生成“${title}”失败：${(e as Error).message}`);
    }
  };

  return (
    <main className="review-page staff-application">
      <style>{REVIEW_CSS}</style>
      <div className="no-print toolbar">
        <a href={href.staffList(programId)}>← 返回申报列表</a>
        <Button variant="contained" size="small" onClick={() => window.print()}>
          打印
        </Button>
        {docs.map((d) => (
          <Button key={d.id} size="small" variant="outlined" onClick={() => void fetchDoc(d.id, d.title)}>
            下载{d.title}
          </Button>
        ))}
      </div>
      {notice && (
        <Alert severity="error" closeText="关闭" onClose={() => setNotice(undefined)}>
          {notice}
        </Alert>
      )}
      <h1 className="review-title">
        {record.title || record.orgName}（{record.year}年度）
      </h1>
      <p className="review-meta" data-testid="staff-application-meta">
        申报编号 {record.receiptNo ?? '—'} · {procedure.state.title} · 提交于{' '}
        {zonedText(record.submittedAt, tz)} · 统一社会信用代码 {record.orgUscc}
      </p>
      {status && (
        <div ref={statusRef} tabIndex={-1} className="action-status">
          <Alert
            severity={status.severity}
            role="status"
            closeText="关闭"
            onClose={() => setStatus(undefined)}
            data-testid="action-status"
          >
            {status.text}
          </Alert>
        </div>
      )}
      <StepBar program={program} state={procedure.state} timeline={procedure.timeline} />
      <section className="procedure-panel no-print" aria-labelledby="actions-title">
        <h2 id="actions-title">
          办理{' '}
          <span className="current-state" data-testid="current-state" data-state={procedure.state.id}>
            当前状态：{procedure.state.title}
          </span>
        </h2>
        <ActionsPanel
          program={program}
          applicationId={record.id}
          version={record.version}
          actions={procedure.actions}
          onDone={(a, r) => {
            const text = `已办理「${a.title}」，申报当前状态：${stateTitle(program, r.state)}。`;
            // Back in the applicant's hands (退回补正): the bureau no longer sees it until resubmitted.
            if (isEditableState(program, r.state)) {
              setL(undefined);
              setHandedBack(`${text}申报单位重新提交后，可在申报列表中再次查看。`);
            } else void reload({ severity: 'success', text });
          }}
          onStale={() =>
            void reload({
              severity: 'warning',
              text: '该申报刚被其他人办理或修改，页面已重新加载为最新情况，请核对后再办理。',
            })
          }
        />
      </section>
      <Deadlines program={program} deadlines={procedure.deadlines} staff />
      {procedure.objections && (
        <Objections
          program={program}
          applicationId={record.id}
          objections={procedure.objections}
          open={takesObjections(program, procedure.state.id)}
          onChanged={(text) => void reload({ severity: 'success', text })}
        />
      )}
      {program.manifest.procedure.review && !isEditableState(program, procedure.state.id) && (
        <ReviewerAssignment
          applicationId={record.id}
          minReviewers={program.manifest.procedure.review.minReviewers}
          onChanged={(text) => setStatus({ severity: 'success', text })}
        />
      )}
      {l.reviews && <ReviewsTable program={program} reviews={l.reviews} />}
      <section className="procedure-timeline" aria-labelledby="timeline-title">
        <h2 id="timeline-title">办理过程</h2>
        <Timeline program={program} entries={procedure.timeline} />
      </section>
      {files.length > 0 && (
        <section className="no-print staff-files" aria-labelledby="files-title">
          <h2 id="files-title">附件材料</h2>
          <ul>
            {files.map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be listed twice (two categories)
              <li key={`${f.sha256}-${i}`}>
                <button type="button" className="link-button" onClick={() => void fetchFile(f)}>
                  {f.name}
                </button>{' '}
                {typeof f.size === 'number' ? sizeText(f.size) : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <ReviewView
        program={program}
        schema={l.schema}
        uischema={program.uiSchema(record.form)}
        data={record.data}
      />
      <section className="audit" aria-labelledby="audit-title">
        <h2 id="audit-title">办理记录</h2>
        <table className="data-table" data-testid="audit">
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">操作</th>
              <th scope="col">角色</th>
              <th scope="col">来源地址</th>
              <th scope="col">变更</th>
            </tr>
          </thead>
          <tbody>
            {l.audit.map((a) => (
              <tr key={a.id}>
                <td>{zonedText(a.at, tz, true)}</td>
                <td>{auditActionName(program, a.action)}</td>
                <td>{a.actorRole ? (ROLE_NAMES[a.actorRole as Role] ?? a.actorRole) : '—'}</td>
                <td>{a.ip ?? '—'}</td>
                <td className="audit-patch">{patchSummary(a.patch, l.schema)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
