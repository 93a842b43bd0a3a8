import type { Program } from '@shenbao/core';
import { zonedText } from '../time';
import type { DeadlineView } from './api';
import { remainingText, useNow } from './clock';

const transitionTitle = (program: Program, id: string): string =>
  program.manifest.procedure.transitions.find((t) => t.id === id)?.title ?? id;

function OpenDeadline({ program, d, staff }: { program: Program; d: DeadlineView; staff: boolean }) {
  const now = useNow();
  const left = remainingText(d.due, now);
  const tz = program.manifest.timezone;
  return (
    <li className="deadline" data-testid="deadline" data-due={d.due}>
      <p className="deadline-note">
        {d.note}
        {d.article ? `（${d.article}）` : ''}
      </p>
      <p>
        {zonedText(d.due, tz)} 到期，届时系统自动办理「{transitionTitle(program, d.transition)}」。
      </p>
      {/* The countdown changes every second: read out only when asked for, not on every tick. */}
      <p className="countdown" data-testid="countdown">
        {left ? (
          <>
            距到期还有 <strong>{left}</strong>
          </>
        ) : (
          <strong>已到期，等待系统办理</strong>
        )}
      </p>
      {staff && d.lastError && (
        <p className="deadline-error" role="note">
          系统已尝试 {d.attempts} 次未能办理：{d.lastError}
        </p>
      )}
    </li>
  );
}

/** Open deadlines of the application (公示期满 …) with a countdown. */
export function Deadlines({
  program,
  deadlines,
  staff,
}: {
  program: Program;
  deadlines: DeadlineView[];
  staff: boolean;
}) {
  const open = deadlines.filter((d) => d.doneAt === null);
  if (open.length === 0) return null;
  return (
    <section className="deadlines" aria-labelledby="deadlines-title">
      <h2 id="deadlines-title">办理期限</h2>
      <ul>
        {open.map((d) => (
          <OpenDeadline key={`${d.state}-${d.transition}-${d.due}`} program={program} d={d} staff={staff} />
        ))}
      </ul>
    </section>
  );
}
