import type { Program } from '@shenbao/core';
import { zonedText } from '../time';
import type { TimelineEntry } from './api';
import { type RecordLine, recordFormOf, recordLines } from './record-summary';

export const stateTitleOf = (program: Program, id: string): string =>
  program.manifest.procedure.states.find((s) => s.id === id)?.title ?? id;

/** A recorded form, field by field; lists (补正事项) numbered. */
export function RecordView({ lines }: { lines: RecordLine[] }) {
  if (lines.length === 0) return null;
  return (
    <dl className="record-view">
      {lines.map((l) => (
        <div key={l.label} className="record-line">
          <dt>{l.label}</dt>
          <dd>
            {l.items ? (
              <ol>
                {l.items.map((item, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows as recorded
                  <li key={i}>{item}</li>
                ))}
              </ol>
            ) : (
              l.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The application's timeline (办理过程), oldest first: when, what, by whom (the role; the person
 * too where the viewer is told), the state it led to, what was recorded and the reason given.
 */
export function Timeline({ program, entries }: { program: Program; entries: TimelineEntry[] }) {
  const tz = program.manifest.timezone;
  if (entries.length === 0) return <p>尚无办理记录。</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((t, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the timeline never reorders
        <li key={i} className="timeline-entry" data-transition={t.transition}>
          <div className="timeline-head">
            <time dateTime={t.at}>{zonedText(t.at, tz)}</time>
            <strong className="timeline-title">{t.title}</strong>
            <span className="timeline-actor">
              {t.actor.roleTitle}
              {t.actor.name ? `（${t.actor.name}）` : ''}
            </span>
            {t.from !== t.to && <span className="timeline-state">→ {stateTitleOf(program, t.to)}</span>}
          </div>
          <RecordView lines={recordLines(program, recordFormOf(program, t.transition), t.record)} />
          {t.reason && (
            <p className="timeline-reason">
              <span className="label">理由：</span>
              {t.reason}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
