import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import type { Program } from '@shenbao/core';
import { dateText } from '@shenbao/forms';
import { type FormEvent, useState } from 'react';
import { zonedText } from '../time';
import { type Refusal, RefusalAlert, refusalOf } from './actions-panel';
import { type Objection, procedureApi } from './api';

const DECISIONS = { upheld: '异议成立', dismissed: '异议不成立' } as const;
type Decision = keyof typeof DECISIONS;

/**
 * The states in which objections are taken (as the server decides them): a state whose deadline
 * fires a transition guarded by the objection counts — 公示. For display only.
 */
export function takesObjections(program: Program, state: string): boolean {
  const proc = program.manifest.procedure;
  const fire = proc.states.find((s) => s.id === state)?.deadline?.fire;
  const fired = proc.transitions.find((t) => t.id === fire);
  return (fired?.guard ?? []).some((c) => 'path' in c && String(c.path).startsWith('/objections'));
}

function DecideDialog({
  objection,
  decision,
  onClose,
  onDone,
}: {
  objection: Objection;
  decision: Decision;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const decide = async (): Promise<void> => {
    if (!reason.trim()) {
      setMissing(true);
      document.getElementById('objection-reason')?.focus();
      return;
    }
    setBusy(true);
    try {
      await procedureApi.decideObjection(objection.id, { decision, reason: reason.trim() });
      onDone(`已决定：${DECISIONS[decision]}（异议人：${objection.raisedBy}）。`);
    } catch (e) {
      setRefusal(refusalOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={() => !busy && onClose()} aria-labelledby="decide-title" maxWidth="sm" fullWidth>
      <DialogTitle id="decide-title">{DECISIONS[decision]}</DialogTitle>
      <DialogContent>
        <p>
          异议人：{objection.raisedBy}；内容：{objection.content}
        </p>
        {decision === 'upheld' && <p className="warn-text">异议成立的，该申报将移出名单，且不能撤销。</p>}
        <TextField
          id="objection-reason"
          label="处理理由（必填）"
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            if (e.target.value.trim()) setMissing(false);
          }}
          required
          error={missing}
          helperText={missing ? '请填写异议处理的理由' : undefined}
          multiline
          minRows={3}
          fullWidth
          margin="normal"
        />
        {refusal && <RefusalAlert refusal={refusal} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          取消
        </Button>
        <Button
          variant="contained"
          color={decision === 'upheld' ? 'warning' : 'primary'}
          disabled={busy}
          onClick={() => void decide()}
        >
          确认{DECISIONS[decision]}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function RecordObjection({
  applicationId,
  onDone,
}: {
  applicationId: string;
  onDone: (text: string) => void;
}) {
  const [raisedBy, setRaisedBy] = useState('');
  const [raisedAt, setRaisedAt] = useState('');
  const [content, setContent] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setRefusal(undefined);
    try {
      const o = await procedureApi.addObjection(applicationId, {
        raisedBy: raisedBy.trim(),
        raisedAt,
        content: content.trim(),
      });
      setRaisedBy('');
      setRaisedAt('');
      setContent('');
      onDone(`已登记异议（异议人：${o.raisedBy}）。`);
    } catch (err) {
      setRefusal(refusalOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="objection-form" onSubmit={(e) => void submit(e)} aria-labelledby="objection-form-title">
      <h3 id="objection-form-title">登记异议</h3>
      <div className="objection-fields">
        <TextField
          label="异议人"
          value={raisedBy}
          onChange={(e) => setRaisedBy(e.target.value)}
          required
          size="small"
          slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'objection-by' } }}
        />
        <TextField
          label="提出日期"
          type="date"
          value={raisedAt}
          onChange={(e) => setRaisedAt(e.target.value)}
          required
          size="small"
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'objection-at' } }}
        />
      </div>
      <TextField
        label="异议内容"
        value={content}
        onChange={(e) => setContent(e.target.value)}
        required
        multiline
        minRows={2}
        fullWidth
        margin="dense"
        slotProps={{ htmlInput: { maxLength: 5000, 'data-testid': 'objection-content' } }}
      />
      {refusal && <RefusalAlert refusal={refusal} />}
      <Button type="submit" variant="outlined" disabled={busy}>
        登记异议
      </Button>
    </form>
  );
}

/** 公示期间的异议: each with who, when, what and its decision; new ones recorded and decided here. */
export function Objections({
  program,
  applicationId,
  objections,
  open,
  onChanged,
}: {
  program: Program;
  applicationId: string;
  objections: Objection[];
  /** Objections are taken in the current state (公示). */
  open: boolean;
  onChanged: (text: string) => void;
}) {
  const [deciding, setDeciding] = useState<{ o: Objection; d: Decision }>();
  const tz = program.manifest.timezone;
  if (!open && objections.length === 0) return null;
  return (
    <section className="objections" aria-labelledby="objections-title">
      <h2 id="objections-title">公示异议</h2>
      {objections.length === 0 ? (
        <p>公示期间尚未收到异议。</p>
      ) : (
        <table className="data-table" data-testid="objections">
          <thead>
            <tr>
              <th scope="col">异议人</th>
              <th scope="col">提出日期</th>
              <th scope="col">异议内容</th>
              <th scope="col">处理结果</th>
            </tr>
          </thead>
          <tbody>
            {objections.map((o) => (
              <tr key={o.id} data-objection={o.id} data-decision={o.decision ?? 'open'}>
                <td>{o.raisedBy}</td>
                <td>{dateText(o.raisedAt.slice(0, 10))}</td>
                <td>{o.content}</td>
                <td>
                  {o.decision ? (
                    <>
                      <strong>{DECISIONS[o.decision]}</strong>（{zonedText(o.decidedAt, tz)}）：
                      {o.decisionReason}
                    </>
                  ) : open ? (
                    <span className="row-buttons">
                      <Button
                        size="small"
                        variant="outlined"
                        onClick={() => setDeciding({ o, d: 'dismissed' })}
                      >
                        异议不成立
                      </Button>
                      <Button
                        size="small"
                        variant="outlined"
                        color="warning"
                        onClick={() => setDeciding({ o, d: 'upheld' })}
                      >
                        异议成立
                      </Button>
                    </span>
                  ) : (
                    '未处理'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && <RecordObjection applicationId={applicationId} onDone={onChanged} />}
      {deciding && (
        <DecideDialog
          objection={deciding.o}
          decision={deciding.d}
          onClose={() => setDeciding(undefined)}
          onDone={(text) => {
            setDeciding(undefined);
            onChanged(text);
          }}
        />
      )}
    </section>
  );
}
