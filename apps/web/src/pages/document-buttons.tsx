import Button from '@mui/material/Button';
import type { Program } from '@shenbao/core';
import type { FormStore } from '@shenbao/forms';
import { useEffect, useState } from 'react';
import type { SaveState } from '../autosave';
import { applicantDocuments, applicationDocument, downloadBlob } from '../documents/documents';

/**
 * The applicant's Word documents for the current data (the 承诺书 only while the hall is
 * committed), rendered by the server from the saved application: the form is saved first.
 */
export function DocumentButtons({
  program,
  form,
  store,
  applicationId,
  flush,
  onError,
}: {
  program: Program;
  form: string;
  store: FormStore;
  applicationId: string;
  flush: () => Promise<SaveState | undefined>;
  onError: (text: string) => void;
}) {
  const [docs, setDocs] = useState(() => applicantDocuments(program, form, store.getData()));
  const [busy, setBusy] = useState<string | undefined>();
  useEffect(() => {
    // Which documents apply depends on the data (e.g. the commitment letter on the hall's status).
    let t: ReturnType<typeof setTimeout> | undefined;
    const off = store.onChange(() => {
      if (t) clearTimeout(t);
      t = setTimeout(() => {
        const next = applicantDocuments(program, form, store.getData());
        setDocs((prev) => (prev.map((d) => d.id).join() === next.map((d) => d.id).join() ? prev : next));
      }, 1000);
    });
    return () => {
      off();
      if (t) clearTimeout(t);
    };
  }, [program, form, store]);

  const download = async (docId: string, title: string): Promise<void> => {
    setBusy(docId);
    try {
      const saved = await flush();
      if (saved && saved.kind !== 'saved' && saved.kind !== 'idle') {
        onError(
          `生成“${title}”前需先把填写内容保存到服务器：${saved.kind === 'error' ? saved.message : '暂时无法连接服务器'}`,
        );
        return;
      }
      const blob = await applicationDocument(applicationId, docId);
      const valid = store.allErrors().size === 0;
      downloadBlob(blob, `${title}${valid ? '' : '（草稿）'}.docx`);
    } catch (e) {
      onError(`生成“${title}”失败：${(e as Error).message}`);
    } finally {
      setBusy(undefined);
    }
  };

  if (docs.length === 0) return null;
  return (
    <section className="documents no-print" aria-label="文书下载">
      <span>按当前填报内容生成 Word 文书：</span>
      {docs.map((d) => (
        <Button
          key={d.id}
          size="small"
          variant="outlined"
          disabled={busy !== undefined}
          onClick={() => void download(d.id, d.title)}
          data-document={d.id}
        >
          {busy === d.id ? '正在生成…' : `下载${d.title}`}
        </Button>
      ))}
    </section>
  );
}
