import type { Program } from '@shenbao/core';
import { useEffect, useState } from 'react';
import { type ProcedureView, procedureApi, type TimelineEntry } from './api';
import { recordFormOf, recordLines } from './record-summary';
import { RecordView } from './timeline';

/** The transition that brought the application into its current state (退回补正, 未通过 …). */
export function arrival(view: Pick<ProcedureView, 'state' | 'timeline'>): TimelineEntry | undefined {
  const last = view.timeline[view.timeline.length - 1];
  return last && last.to === view.state.id ? last : undefined;
}

/**
 * What the applicant is told about how the application came to be where it is: the record of
 * that transition as the server shows it (the corrections to make, one list — 一次性告知) and
 * its reason (a rejection's). Nothing when it came there by itself or nothing was recorded.
 */
export function ArrivalNotice({ program, entry }: { program: Program; entry: TimelineEntry | undefined }) {
  if (!entry) return null;
  const lines = recordLines(program, recordFormOf(program, entry.transition), entry.record);
  if (lines.length === 0 && !entry.reason) return null;
  return (
    <div className="arrival" data-testid="arrival" data-transition={entry.transition}>
      <p className="arrival-title">
        <strong>{entry.title}</strong>
        {entry.actor.roleTitle ? `（${entry.actor.roleTitle}）` : ''}
      </p>
      <RecordView lines={lines} />
      {entry.reason && (
        <p className="timeline-reason">
          <span className="label">理由：</span>
          {entry.reason}
        </p>
      )}
    </div>
  );
}

/** The arrival notice of an application in `state`, loaded from the server (the form page's status). */
export function LastRecord({
  program,
  applicationId,
  state,
}: {
  program: Program;
  applicationId: string;
  state: string;
}) {
  const [view, setView] = useState<ProcedureView>();
  // Loaded again when the state changes (a resubmission moves it on).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `state` is the trigger
  useEffect(() => {
    procedureApi.view(applicationId).then(setView, () => setView(undefined));
  }, [applicationId, state]);
  if (!view || view.state.id !== state) return null;
  return <ArrivalNotice program={program} entry={arrival(view)} />;
}
