import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import type { Program } from '@shenbao/core';
import { useState } from 'react';
import type { ApplicationSummary, SubmissionReason } from '../api/types';
import { isEditableState, stateTitle } from '../application/states';
import { LastRecord } from '../procedure/progress';
import { href } from '../router';
import { zonedText } from '../time';

/**
 * Where the application stands on the server: submitted (申报编号, the receipt, 撤回申报 with a
 * confirmation), back in the applicant's hands (撤回, 退回补正: editable, submitted again under
 * the same number), or further along in the procedure (its progress page).
 */
export function SubmissionStatus({
  program,
  record,
  timeZone,
  onWithdraw,
}: {
  program: Program;
  record: Omit<ApplicationSummary, never>;
  timeZone: string;
  onWithdraw: () => Promise<void>;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const proc = program.manifest.procedure;
  if (record.state === proc.initial) return null;
  const title = stateTitle(program, record.state);
  const progress = (
    <a className="progress-link" href={href.progress(record.id)}>
      查看办理进度
    </a>
  );
  if (isEditableState(program, record.state))
    return (
      <Alert severity="info" data-testid="application-state" data-state={record.state}>
        申报状态：{title}。申报书可以修改，修改后请重新提交
        {record.receiptNo ? `（沿用申报编号 ${record.receiptNo}）` : ''}。 {record.receiptNo && progress}
        {/* Why it came back (退回补正: the corrections to make), as the bureau recorded it. */}
        {record.receiptNo && <LastRecord program={program} applicationId={record.id} state={record.state} />}
      </Alert>
    );
  const submission = proc.transitions.find((t) => t.kind === 'submission');
  if (record.state !== submission?.to)
    return (
      <Alert severity="info" data-testid="application-state" data-state={record.state}>
        申报正在办理中（{title}），申报书不能修改。 {progress}
      </Alert>
    );
  return (
    <Alert
      severity="success"
      role="status"
      data-testid="application-state"
      data-state={record.state}
      action={
        <span className="alert-actions no-print">
          {record.receiptNo && (
            <Button size="small" color="inherit" variant="outlined" href={href.receipt(record.id)}>
              查看受理回执
            </Button>
          )}
          <Button size="small" color="inherit" onClick={() => setAsking(true)}>
            撤回申报
          </Button>
        </span>
      }
    >
      申报材料已提交（{zonedText(record.submittedAt, timeZone)}），申报编号{' '}
      <strong data-testid="receipt-no">{record.receiptNo}</strong>
      。申报书已锁定，不能修改；如需修改，请先撤回申报。 {progress}
      <Dialog open={asking} onClose={() => !busy && setAsking(false)} aria-labelledby="withdraw-title">
        <DialogTitle id="withdraw-title">撤回申报？</DialogTitle>
        <DialogContent>
          撤回后申报书恢复为可修改状态，主管部门将不再受理申报编号 {record.receiptNo}
          的这份申报。修改后可在申报截止前重新提交，重新提交沿用原申报编号。
        </DialogContent>
        <DialogActions>
          <Button disabled={busy} onClick={() => setAsking(false)}>
            取消
          </Button>
          <Button
            color="warning"
            variant="contained"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void onWithdraw().finally(() => {
                setBusy(false);
                setAsking(false);
              });
            }}
          >
            确认撤回
          </Button>
        </DialogActions>
      </Dialog>
    </Alert>
  );
}

/** The server's reasons for refusing a submission; a field's reason links to the field. */
export function SubmissionReasons({
  reasons,
  onField,
  onClose,
}: {
  reasons: SubmissionReason[];
  onField: (path: string) => void;
  onClose: () => void;
}) {
  return (
    <Alert severity="error" closeText="关闭" onClose={onClose} data-testid="submit-reasons" role="alert">
      <strong>申报未能提交，原因如下（共 {reasons.length} 项）：</strong>
      <ul>
        {reasons.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the server's list, shown as given
          <li key={i} data-kind={r.kind}>
            {r.article ? `【${r.article}】` : ''}
            {r.path ? (
              <a
                href={`#${r.path}`}
                onClick={(e) => {
                  e.preventDefault();
                  onField(r.path as string);
                }}
              >
                {r.message}
              </a>
            ) : (
              r.message
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
