import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useCallback, useEffect, useId, useState } from 'react';
import { procedureApi, type ReviewerChoice } from './api';

/**
 * 分配评审专家 (staff): the reviewers assigned to one application, each with whether the review
 * is in (an assignment is withdrawn only before it is), and the programme's other reviewers to
 * choose from. A reviewer who must stand aside (回避) is shown with the reason and cannot be
 * chosen; the server decides again on every assignment.
 */
export function ReviewerAssignment({
  applicationId,
  minReviewers,
  onChanged,
}: {
  applicationId: string;
  minReviewers: number | undefined;
  onChanged: (text: string) => void;
}) {
  const [list, setList] = useState<ReviewerChoice[]>();
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const selectId = useId();
  const load = useCallback(
    () =>
      procedureApi.reviewers(applicationId).then(
        (r) => setList(r.reviewers),
        (e: Error) => setError(e.message),
      ),
    [applicationId],
  );
  useEffect(() => {
    void load();
  }, [load]);
  if (!list) return error ? <Alert severity="error">{error}</Alert> : null;
  const assigned = list.filter((r) => r.assigned);
  const free = list.filter((r) => !r.assigned && r.conflict === undefined);
  const standAside = list.filter((r) => !r.assigned && r.conflict !== undefined);
  const act = async (what: () => Promise<unknown>, done: string): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await what();
      setChosen('');
      await load();
      onChanged(done);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const nameOf = (r: ReviewerChoice) => `${r.name}（${r.login}）`;
  return (
    <section className="reviewer-assignment no-print" aria-labelledby="assign-title">
      <h2 id="assign-title">评审专家</h2>
      <p data-testid="assigned-count">
        已分配 {assigned.length} 位{minReviewers ? `，至少需要 ${minReviewers} 位专家评分` : ''}。
      </p>
      {error && (
        <Alert severity="error" role="alert" data-testid="assign-error">
          {error}
        </Alert>
      )}
      {assigned.length > 0 && (
        <ul className="assigned-reviewers" data-testid="assigned-reviewers">
          {assigned.map((r) => (
            <li key={r.id}>
              {nameOf(r)} · {r.reviewed ? '已提交评审意见' : '尚未评审'}{' '}
              {!r.reviewed && (
                <Button
                  size="small"
                  disabled={busy}
                  onClick={() =>
                    void act(
                      () => procedureApi.unassignReviewer(applicationId, r.id),
                      `已撤回评审专家${r.name}的分配。`,
                    )
                  }
                >
                  撤回分配
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {free.length > 0 ? (
        <div className="assign-row">
          <label htmlFor={selectId}>分配评审专家</label>
          <select id={selectId} value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={busy}>
            <option value="">请选择</option>
            {free.map((r) => (
              <option key={r.id} value={r.id}>
                {nameOf(r)}
              </option>
            ))}
          </select>
          <Button
            variant="outlined"
            size="small"
            disabled={busy || chosen === ''}
            onClick={() => {
              const r = free.find((x) => x.id === chosen);
              if (r)
                void act(() => procedureApi.assignReviewer(applicationId, r.id), `已分配评审专家${r.name}。`);
            }}
          >
            分配
          </Button>
        </div>
      ) : (
        <p data-testid="no-free-reviewers">本项目没有其他可分配的评审专家。</p>
      )}
      {standAside.length > 0 && (
        <details className="stand-aside">
          <summary>应当回避的评审专家（{standAside.length} 位）</summary>
          <ul data-testid="stand-aside">
            {standAside.map((r) => (
              <li key={r.id}>
                {nameOf(r)}：{r.conflict}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
