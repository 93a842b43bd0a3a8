import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { type CentreRevocation, type CentreYear, centresApi } from './api';
import { consequenceText } from './years';

export interface Assessed {
  year: CentreYear;
  revocation: CentreRevocation | null;
  warnings: string[];
}

/**
 * 考核 (staff): the comment, then the server judges each indicator against the goals (core's
 * `assess`) and records what the result calls for; the page reloads the centre with `onDone`.
 */
export function AssessForm({
  centreId,
  year,
  onDone,
}: {
  centreId: string;
  year: CentreYear;
  onDone: (r: Assessed, message: string) => void;
}) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = `assess-${year.year}`;

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await centresApi.assess(centreId, year.year, comment.trim() || undefined);
      const what = consequenceText(r.year.consequence);
      onDone(
        r,
        [`${year.year}年度考核已记录：${r.year.passed ? '达标' : '未达标'}`, what, ...(r.warnings ?? [])]
          .filter(Boolean)
          .join('；'),
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="centre-assess"
      aria-label={`考核${year.year}年度`}
      data-testid={`assess-${year.year}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id}>考核意见</label>
      <textarea
        id={id}
        rows={2}
        maxLength={5000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      <Button type="submit" variant="contained" size="small" disabled={busy}>
        {busy ? '正在考核…' : `考核${year.year}年度`}
      </Button>
    </form>
  );
}
