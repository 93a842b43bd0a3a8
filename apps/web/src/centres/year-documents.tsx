import Button from '@mui/material/Button';
import type { Program } from '@shenbao/core';
import { useState } from 'react';
import { downloadBlob } from '../documents/documents';
import { centresApi } from './api';

type Format = 'docx' | 'pdf';
const FORMAT_TITLE: Record<Format, string> = { docx: 'Word', pdf: 'PDF' };

/**
 * The documents of a centre's year (program.json documents whose `source.from` is centre-year,
 * such as the 自评报告), rendered by the server from the self-assessment handed in.
 */
export function YearDocuments({
  program,
  centreId,
  year,
}: {
  program: Program;
  centreId: string;
  year: number;
}) {
  const docs = (program.manifest.documents ?? []).filter(
    (d) => d.source?.from === 'centre-year' && d.audience === 'applicant',
  );
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  if (docs.length === 0) return null;

  const get = async (docId: string, title: string, format: Format): Promise<void> => {
    setBusy(`${docId}.${format}`);
    setError(undefined);
    try {
      const blob = await centresApi.yearDocument(centreId, year, docId, format);
      downloadBlob(blob, `${title}（${year}年度）.${format}`);
    } catch (e) {
      setError(`生成“${title}”失败：${(e as Error).message}`);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="documents centre-documents">
      {docs.flatMap((d) =>
        (['docx', 'pdf'] as const).map((f) => (
          <Button
            key={`${d.id}.${f}`}
            size="small"
            variant="outlined"
            disabled={busy !== undefined}
            data-document={d.id}
            data-format={f}
            onClick={() => void get(d.id, d.title, f)}
          >
            {busy === `${d.id}.${f}` ? '正在生成…' : `下载${d.title}（${FORMAT_TITLE[f]}）`}
          </Button>
        )),
      )}
      {error && (
        <span role="alert" className="centre-goal-error">
          {error}
        </span>
      )}
    </div>
  );
}
