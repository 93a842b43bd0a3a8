import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import type { Program } from '@shenbao/core';
import { useState } from 'react';
import { type CentreView, centresApi } from './api';
import { groundTitle } from './status';

/**
 * 撤销认定: a ground of program.json `procedure.revocation` (an open proposal's preselected) and
 * the reason; the server decides the revocation and records the ban, which the page then shows.
 */
export function RevokeDialog({
  program,
  centre,
  open,
  onClose,
  onDone,
}: {
  program: Program;
  centre: CentreView;
  open: boolean;
  onClose: () => void;
  onDone: (c: CentreView) => void;
}) {
  const revocation = program.manifest.procedure.revocation;
  const proposed = centre.revocation?.status === 'proposed' ? centre.revocation : undefined;
  const [ground, setGround] = useState<number | undefined>(proposed?.ground);
  const [reason, setReason] = useState(proposed?.reason ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (): Promise<void> => {
    if (ground === undefined) {
      setError(`请选择撤销情形（${revocation.article}）`);
      return;
    }
    if (!reason.trim()) {
      setError('请填写撤销理由');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onDone(await centresApi.revoke(centre.id, { ground, reason: reason.trim() }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="revoke-title" fullWidth maxWidth="sm">
      <DialogTitle id="revoke-title">撤销认定</DialogTitle>
      <DialogContent>
        <fieldset className="revoke-grounds">
          <legend>撤销情形（{revocation.article}）</legend>
          {revocation.grounds.map((g) => (
            <label key={g.id} className="revoke-ground">
              <input
                type="radio"
                name="ground"
                value={g.id}
                checked={ground === g.id}
                onChange={() => {
                  setGround(g.id);
                  setError(undefined);
                }}
              />
              <span>{groundTitle(g)}</span>
              {g.ban.kind !== 'none' && g.ban.text && (
                <span className="revoke-ban">
                  {g.ban.article ? `${g.ban.article}：` : ''}
                  {/* The end of a ban is known once the decision is dated. */}
                  {g.ban.text.replaceAll('{until}', '…')}
                </span>
              )}
            </label>
          ))}
        </fieldset>
        <label className="revoke-reason">
          撤销理由
          <textarea value={reason} rows={3} onChange={(e) => setReason(e.target.value)} />
        </label>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button variant="contained" color="error" disabled={busy} onClick={() => void submit()}>
          {busy ? '正在撤销…' : '确认撤销'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
