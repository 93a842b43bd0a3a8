import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import type { Program } from '@shenbao/core';
import { useState } from 'react';
import { type CentreView, centresApi } from './api';

/**
 * 未按规定参加绩效考核 (staff, for one year): the active centres recognised before `year` that
 * handed in no self-assessment for it, listed before anything is done; on confirmation the server
 * marks them and proposes revocation on the ground program.json names for a missed assessment.
 * The server decides again which centres qualify; what it marked is reported back.
 */
export function MissedAssessmentAction({
  program,
  year,
  centres,
  onDone,
}: {
  program: Program;
  year: number;
  centres: CentreView[];
  onDone: (text: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const missed = program.manifest.procedure.consequences?.missedAssessment;
  if (!program.manifest.assessment || !missed) return null;
  const ground = program.manifest.procedure.revocation?.grounds.find((g) => g.id === missed.ground);
  const article = program.manifest.procedure.revocation?.article ?? '';
  const silent = centres.filter((c) => {
    if (c.status === 'revoked' || year < c.year) return false;
    const y = c.years.find((x) => x.year === year);
    return !y || (!y.submittedAt && !y.assessment && !y.missed);
  });
  if (silent.length === 0) return null;
  const groundText = ground ? `${article}${ground.item}${ground.text}` : '';
  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await centresApi.markMissed(program.id, year);
      setOpen(false);
      onDone(
        r.marked.length === 0
          ? `${year}年度没有需要认定为未参加考核的创新中心。`
          : `已将${r.marked.map((m) => m.brand).join('、')}认定为${year}年度未参加考核，并提出撤销（${groundText}）。`,
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="outlined" size="small" onClick={() => setOpen(true)} data-testid="mark-missed">
        {year}年度未报送自评（{silent.length}）
      </Button>
      {open && (
        <Dialog
          open
          onClose={() => !busy && setOpen(false)}
          aria-labelledby="missed-title"
          maxWidth="sm"
          fullWidth
        >
          <DialogTitle id="missed-title">认定未参加{year}年度绩效考核</DialogTitle>
          <DialogContent>
            <p>以下创新中心未报送{year}年度绩效自评：</p>
            <ul data-testid="missed-list">
              {silent.map((c) => (
                <li key={c.id}>
                  {c.brand}（{c.operator}）
                </li>
              ))}
            </ul>
            <p>确认后将认定其未按规定参加绩效考核，并提出撤销{groundText ? `（${groundText}）` : ''}。</p>
            {error && (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)} disabled={busy}>
              取消
            </Button>
            <Button variant="contained" onClick={() => void confirm()} disabled={busy}>
              {busy ? '正在办理…' : '确认认定'}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}
