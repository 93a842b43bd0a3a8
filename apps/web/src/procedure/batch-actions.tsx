import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { allowedTransitions, type Program, rolesOf } from '@shenbao/core';
import { useMemo, useState } from 'react';
import { api, seg } from '../api/client';
import { useSession } from '../api/session';
import { ActionDialog, type DialogAction } from './actions-panel';

/** One application of the batch as the list shows it. */
export interface BatchItem {
  id: string;
  version: number;
  title: string;
}

interface BatchResult {
  done: number;
  failed: number;
  results: { id: string; ok: boolean; message?: string; reasons?: string[] }[];
}

/** What a batch did, as the list reports it: how many were done, and each refusal with its application. */
export interface BatchOutcome {
  title: string;
  done: number;
  refused: { title: string; message: string }[];
}

/**
 * 批量办理: the transitions this user may take from `state` (core decides from program.json, as
 * for one application), each applied to the chosen applications with one reason and one record
 * (for example one 公示 start date for the whole shortlist). The server decides each application
 * again and answers each; refusals are listed by application, nothing else is undone.
 */
export function BatchActions({
  program,
  programId,
  state,
  items,
  onDone,
}: {
  program: Program;
  programId: string;
  state: string;
  items: BatchItem[];
  onDone: (outcome: BatchOutcome) => void;
}) {
  const session = useSession();
  const [open, setOpen] = useState<DialogAction>();
  const actions = useMemo(() => {
    if (session.status !== 'user') return [];
    const roles = rolesOf(program, session.user, programId);
    return allowedTransitions(program, state, roles).filter((t) => t.kind !== 'submission');
  }, [program, programId, state, session]);
  if (actions.length === 0) return null;
  return (
    <fieldset className="batch-actions" data-testid="batch-actions">
      <legend>批量办理（已选 {items.length} 份）</legend>
      {actions.map((t) => (
        <Button
          key={t.id}
          size="small"
          variant="outlined"
          disabled={items.length === 0}
          onClick={() =>
            setOpen({
              id: t.id,
              title: t.title,
              to: t.to,
              record: t.record ?? null,
              reason: t.reason ?? null,
            })
          }
          data-batch={t.id}
        >
          {t.title}
        </Button>
      ))}
      {open && (
        <ActionDialog
          program={program}
          action={open}
          lead={
            <Alert severity="info" data-testid="batch-lead">
              将对选中的 {items.length} 份申报逐份办理「{open.title}」：
              {items
                .slice(0, 5)
                .map((i) => i.title)
                .join('、')}
              {items.length > 5 ? ` 等 ${items.length} 份` : ''}。
            </Alert>
          }
          onClose={() => setOpen(undefined)}
          send={async (body) => {
            const r = await api.post<BatchResult>(`/api/transitions/${seg(open.id)}`, {
              items: items.map((i) => ({ id: i.id, version: i.version })),
              ...body,
            });
            const titleOf = new Map(items.map((i) => [i.id, i.title]));
            setOpen(undefined);
            onDone({
              title: open.title,
              done: r.done,
              refused: r.results
                .filter((x) => !x.ok)
                .map((x) => ({
                  title: titleOf.get(x.id) ?? x.id,
                  message: [x.message, ...(x.reasons ?? [])].filter(Boolean).join('：'),
                })),
            });
          }}
        />
      )}
    </fieldset>
  );
}
