import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import type { Program } from '@shenbao/core';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { ApiError } from '../api/client';
import { type ProcedureAction, procedureApi, type TransitionResult } from './api';
import { stateTitleOf } from './timeline';

// The form renderers (JSON Forms, ajv) load when a dialog first asks for a record, so the lists
// that offer these acts start without them.
const RecordForm = lazy(() => import('./record-form').then((m) => ({ default: m.RecordForm })));

/** A refusal of the server as shown next to the action: its message and its reasons or field errors. */
export interface Refusal {
  message: string;
  reasons: string[];
}

export function refusalOf(e: unknown): Refusal {
  if (!(e instanceof ApiError)) return { message: (e as Error).message, reasons: [] };
  const reasons = Array.isArray(e.body.reasons)
    ? e.body.reasons.map((r) =>
        typeof r === 'string' ? r : String((r as { message?: string }).message ?? r),
      )
    : [];
  const errors = Array.isArray(e.body.errors)
    ? (e.body.errors as { message?: string }[]).map((x) => x.message ?? '').filter(Boolean)
    : [];
  return { message: e.message, reasons: [...reasons, ...errors] };
}

export function RefusalAlert({ refusal, id }: { refusal: Refusal; id?: string }) {
  return (
    <Alert severity="error" role="alert" id={id} data-testid="refusal">
      {refusal.message}
      {refusal.reasons.length > 0 && (
        <ul>
          {refusal.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

/** What a dialog needs of a transition: the action the server lists, or a programme transition for a batch. */
export type DialogAction = Pick<ProcedureAction, 'id' | 'title' | 'to' | 'toTitle' | 'record' | 'reason'>;

/**
 * One transition's dialog: its reason and/or record form, then `send` with what was entered.
 * A refusal `send` throws is shown in the dialog; `lead` says what the action applies to.
 */
export function ActionDialog({
  program,
  action,
  lead,
  onClose,
  send,
}: {
  program: Program;
  action: DialogAction;
  lead?: ReactNode;
  onClose: () => void;
  send: (body: { record?: unknown; reason?: string }) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const titleId = `action-${action.id}-title`;

  const take = async (record?: unknown): Promise<void> => {
    if (action.reason === 'required' && !reason.trim()) {
      setReasonMissing(true);
      document.getElementById(`reason-${action.id}`)?.focus();
      return;
    }
    setBusy(true);
    setRefusal(undefined);
    try {
      await send({
        ...(record === undefined ? {} : { record }),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
    } catch (e) {
      setRefusal(refusalOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={() => !busy && onClose()}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
      data-testid="action-dialog"
    >
      <DialogTitle id={titleId}>{action.title}</DialogTitle>
      <DialogContent>
        {lead}
        <p className="action-to">
          办理后申报状态为「{action.toTitle ?? stateTitleOf(program, action.to)}」。
        </p>
        {action.reason && (
          <TextField
            id={`reason-${action.id}`}
            label={action.reason === 'required' ? '理由（必填，申报单位可见）' : '理由（选填）'}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setReasonMissing(false);
            }}
            required={action.reason === 'required'}
            error={reasonMissing}
            helperText={reasonMissing ? `请填写「${action.title}」的理由` : undefined}
            multiline
            minRows={3}
            fullWidth
            margin="normal"
            slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'action-reason' } }}
          />
        )}
        {refusal && <RefusalAlert refusal={refusal} />}
        {action.record && (
          <Suspense fallback={<p className="loading">正在加载表单…</p>}>
            <RecordForm
              program={program}
              form={action.record}
              submitLabel={busy ? '正在办理…' : `确认${action.title}`}
              onSubmit={(data) => void take(data)}
            />
          </Suspense>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          取消
        </Button>
        {!action.record && (
          <Button
            variant="contained"
            disabled={busy}
            onClick={() => void take()}
            data-testid="action-confirm"
          >
            {busy ? '正在办理…' : `确认${action.title}`}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

/**
 * Exactly the actions the server lists for this user in this state. One with a guard that does
 * not hold shows why and cannot be started; the others open their record form and/or reason.
 */
export function ActionsPanel({
  program,
  applicationId,
  version,
  actions,
  onDone,
  onStale,
}: {
  program: Program;
  applicationId: string;
  version: number;
  actions: ProcedureAction[];
  onDone: (action: ProcedureAction, result: TransitionResult) => void;
  onStale: () => void;
}) {
  const [open, setOpen] = useState<ProcedureAction>();
  if (actions.length === 0) return <p>当前状态下您没有可办理的事项。</p>;
  return (
    <>
      <ul className="actions-list" data-testid="actions">
        {actions.map((a) => {
          const blocked = a.guardProblems.length > 0;
          const why = `action-why-${a.id}`;
          return (
            <li key={a.id} data-action={a.id}>
              <Button
                variant={blocked ? 'outlined' : 'contained'}
                disabled={blocked}
                aria-describedby={blocked ? why : undefined}
                onClick={() => setOpen(a)}
              >
                {a.title}
              </Button>
              {blocked && (
                <span id={why} className="action-why">
                  暂不能办理：{a.guardProblems.join('；')}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {open && (
        <ActionDialog
          program={program}
          action={open}
          onClose={() => setOpen(undefined)}
          send={async (body) => {
            try {
              const result = await procedureApi.take(applicationId, open.id, { version, ...body });
              setOpen(undefined);
              onDone(open, result);
            } catch (e) {
              if (!(e instanceof ApiError && e.code === 'STALE')) throw e;
              setOpen(undefined);
              onStale();
            }
          }}
        />
      )}
    </>
  );
}
