import { cnIsoDate, type Program } from '@shenbao/core';
import { useEffect, useState } from 'react';
import { ApiError, api, queryString } from '../api/client';
import { href } from '../router';
import { zonedText } from '../time';

/** One thing due (GET /api/due): the server's words, its date, whether it has passed, what to open. */
export interface DueItem {
  kind: 'deadline' | 'self-assessment' | 'ban-ending' | 'late-change';
  /** An instant (deadlines) or a day (YYYY-MM-DD); null without a date of its own. */
  date: string | null;
  overdue: boolean;
  text: string;
  article: string | null;
  target: { type: 'application' | 'centre' | 'organization'; id: string };
}

interface DueAnswer {
  today: string;
  year: number;
  items: DueItem[];
}

const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s);

/**
 * 待办 (staff): what the server says is due for the programme — deadlines of the procedure,
 * self-assessments not in, bans ending, late change reports — overdue ones first and marked.
 * Hidden when the server has no such list; the order and the wording are the server's.
 */
export function DuePanel({ program, programId }: { program: Program | undefined; programId: string }) {
  const [due, setDue] = useState<DueAnswer | 'absent'>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api.get<DueAnswer>(`/api/due${queryString({ programId })}`).then(setDue, (e: Error) => {
      if (e instanceof ApiError && e.status === 404) setDue('absent');
      else setError(e.message);
    });
  }, [programId]);

  if (due === 'absent') return null;
  const tz = program?.manifest.timezone;
  const dateText = (d: string): string => (isDay(d) ? cnIsoDate(d) : zonedText(d, tz));
  const overdue = due ? due.items.filter((i) => i.overdue).length : 0;
  return (
    <section className="due-panel" aria-labelledby="due-title" data-testid="due">
      <h2 id="due-title">
        待办
        {due && (
          <span className="due-count">
            （{due.items.length} 项{overdue > 0 ? `，其中逾期 ${overdue} 项` : ''}）
          </span>
        )}
      </h2>
      {error ? (
        <p className="due-error">待办事项暂时无法加载：{error}</p>
      ) : !due ? (
        <p className="loading">正在加载…</p>
      ) : due.items.length === 0 ? (
        <p className="due-none">暂无待办事项。</p>
      ) : (
        <ul>
          {due.items.map((item, i) => (
            <li
              // The server's list has no ids; its order is stable for one answer.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={i}
              className={item.overdue ? 'due-item overdue' : 'due-item'}
              data-kind={item.kind}
              data-overdue={item.overdue}
            >
              {item.date && <time dateTime={item.date}>{dateText(item.date)}</time>}
              {item.overdue && <span className="due-flag">已逾期</span>}
              {item.target.type === 'application' ? (
                <a className="due-link" href={href.staffApplication(programId, item.target.id)}>
                  {item.text}
                </a>
              ) : (
                <span>{item.text}</span>
              )}
              {item.article && <span className="due-article">（{item.article}）</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
