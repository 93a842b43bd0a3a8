import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { getPointer, type Program } from '@shenbao/core';
import { REVIEW_CSS, ReviewView, type SchemaNode, sizeText } from '@shenbao/forms';
import { useEffect, useState } from 'react';
import { api, download, seg } from '../api/client';
import { ROLE_NAMES } from '../api/session';
import type { ApplicationRecord, AuditEntry, Role } from '../api/types';
import { titleAt } from '../application/data-diff';
import { actionName, opName, stateName } from '../application/states';
import { applicantDocuments, applicationDocument, downloadBlob } from '../documents/documents';
import { loadProgramme } from '../programmes';
import { href } from '../router';
import { publishedTargets } from '../targets-api';
import { zonedText } from '../time';

interface Loaded {
  program: Program;
  record: ApplicationRecord;
  schema: SchemaNode;
  audit: AuditEntry[];
}

async function load(programId: string, id: string): Promise<Loaded> {
  const [{ program }, record, audit] = await Promise.all([
    loadProgramme(programId),
    api.get<ApplicationRecord>(`/api/applications/${seg(id)}`),
    api.get<AuditEntry[]>(`/api/applications/${seg(id)}/audit`),
  ]);
  const targets = await publishedTargets(programId, record.year);
  const schema = targets
    ? program.schemaFor({ form: record.form, targets: targets.data })
    : program.formSchema(record.form);
  return { program, record, schema, audit };
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

/** One application as staff read it: the whole form read-only, its files, documents and audit trail. */
export function StaffApplicationPage({ programId, id }: { programId: string; id: string }) {
  const [l, setL] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    load(programId, id).then(setL, (e: Error) => setError(e.message));
  }, [programId, id]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!l) return <p className="loading">正在加载…</p>;
  const { program, record } = l;
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
        申报编号 {record.receiptNo ?? '—'} · {stateName(record.state)} · 提交于{' '}
        {zonedText(record.submittedAt, tz)} · 统一社会信用代码 {record.orgUscc}
      </p>
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
                <td>{actionName(a.action)}</td>
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
