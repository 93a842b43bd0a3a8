import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { cnIsoDate, type Program } from '@shenbao/core';
import { useState } from 'react';
import { type CentreChange, type CentreView, centresApi } from './api';

export const dayText = (d: string | null | undefined): string => (d ? cnIsoDate(d.slice(0, 10)) : '—');

/** The major changes reported (第十六条 for the Dongguan programme), late ones flagged 逾期. */
export function ChangesTable({ changes }: { changes: CentreChange[] }) {
  if (changes.length === 0) return <p data-testid="changes-empty">尚无报告。</p>;
  return (
    <table className="data-table" data-testid="changes">
      <thead>
        <tr>
          <th scope="col">事项</th>
          <th scope="col">计划日期</th>
          <th scope="col">报告日期</th>
          <th scope="col">提前天数</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.id} data-late={c.late}>
            <td>
              {c.kind}
              {typeof c.details?.description === 'string' && (
                <span className="centre-change-text">{c.details.description}</span>
              )}
            </td>
            <td>{dayText(c.plannedDate)}</td>
            <td>{dayText(c.reportedOn)}</td>
            <td>
              {c.daysBefore}天{c.late && <span className="due-flag">逾期</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * 重大事项报告: the kind (program.json `procedure.majorChange.kinds`), the planned date, a new
 * name or operator when it changes, and a description. The server says whether it is late.
 */
export function ChangeForm({
  program,
  centre,
  onDone,
}: {
  program: Program;
  centre: CentreView;
  /** The centre after the report, what to say, and whether the report came too late. */
  onDone: (c: CentreView, message: string, late: boolean) => void;
}) {
  const rule = program.manifest.procedure.majorChange;
  const [kind, setKind] = useState('');
  const [plannedDate, setPlannedDate] = useState('');
  const [newBrand, setNewBrand] = useState('');
  const [newOperator, setNewOperator] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (): Promise<void> => {
    if (!kind) return setError('请选择事项类型');
    if (!plannedDate) return setError('请填写计划办理日期');
    setError(undefined);
    setBusy(true);
    try {
      const r = await centresApi.reportChange(centre.id, {
        kind,
        plannedDate,
        ...(newBrand.trim() ? { newBrand: newBrand.trim() } : {}),
        ...(newOperator.trim() ? { newOperator: newOperator.trim() } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      onDone(
        r.centre,
        r.late
          ? `已报告${kind}，但逾期：${r.reason ?? `应于${dayText(r.deadline)}前报告`}`
          : `已报告${kind}（${rule.article}）`,
        r.late,
      );
      setKind('');
      setPlannedDate('');
      setNewBrand('');
      setNewOperator('');
      setDescription('');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="centre-change-form"
      aria-label="重大事项报告"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>报告重大事项</h3>
      <p className="centre-goal-hint">
        {rule.kinds.join('、')}等重大调整，须在办理相关手续{rule.noticeDaysBefore}天前报告（{rule.article}）。
      </p>
      <label>
        事项类型
        <select value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">请选择</option>
          {rule.kinds.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label>
        计划办理日期
        <input type="date" value={plannedDate} onChange={(e) => setPlannedDate(e.target.value)} />
      </label>
      <label>
        新的创新中心名称（更名时填写）
        <input value={newBrand} maxLength={100} onChange={(e) => setNewBrand(e.target.value)} />
      </label>
      <label>
        新的运营单位名称（变更时填写）
        <input value={newOperator} maxLength={100} onChange={(e) => setNewOperator(e.target.value)} />
      </label>
      <label className="centre-change-description">
        情况说明
        <textarea
          value={description}
          rows={3}
          maxLength={5000}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      <Button type="submit" variant="outlined" size="small" disabled={busy}>
        {busy ? '正在报告…' : '提交报告'}
      </Button>
    </form>
  );
}
