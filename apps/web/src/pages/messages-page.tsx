import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type MessagePage, procedureApi } from '../procedure/api';
import { setUnread } from '../procedure/unread';
import { href } from '../router';
import { zonedText } from '../time';

const PAGE_SIZE = 20;

/** 消息: what the bureau told the organisation about its applications, newest first, with 未读. */
export function MessagesPage() {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<MessagePage>();
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const load = useCallback(
    () =>
      procedureApi.messages({ page, pageSize: PAGE_SIZE }).then(
        (d) => {
          setData(d);
          setUnread(d.unread);
        },
        (e: Error) => setError(e.message),
      ),
    [page],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const markRead = async (id: string, moveTo: HTMLElement | null): Promise<void> => {
    try {
      await procedureApi.markRead(id);
      await load();
      setNote('已标记为已读。');
      // The button is gone: keep the keyboard where the reader was.
      (moveTo ?? headingRef.current)?.focus();
    } catch (e) {
      setNote(`标记失败：${(e as Error).message}`);
    }
  };

  if (error) return <Alert severity="error">{error}</Alert>;
  if (!data) return <p className="loading">正在加载…</p>;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return (
    <main className="messages-page">
      <h1 ref={headingRef} tabIndex={-1}>
        消息<span className="unread-note">（未读 {data.unread} 条）</span>
      </h1>
      <p role="status" className="sr-status">
        {note}
      </p>
      {data.items.length === 0 ? (
        <p>暂无消息。</p>
      ) : (
        <ul className="message-list" data-testid="messages">
          {data.items.map((m) => (
            <li
              key={m.id}
              id={`message-${m.id}`}
              tabIndex={-1}
              className={m.readAt ? 'message read' : 'message unread'}
              data-read={m.readAt ? 'true' : 'false'}
            >
              <p className="message-meta">
                {!m.readAt && <span className="badge">未读</span>}
                <time dateTime={m.at}>{zonedText(m.at, undefined)}</time>
                {m.applicationTitle ? ` · ${m.applicationTitle}` : ''}
              </p>
              <p className="message-text">{m.text}</p>
              <p className="message-actions">
                {m.applicationId && <a href={href.progress(m.applicationId)}>查看办理进度</a>}
                {!m.readAt && (
                  <Button
                    size="small"
                    variant="outlined"
                    onClick={(e) => void markRead(m.id, (e.currentTarget as HTMLElement).closest('li'))}
                  >
                    标为已读
                  </Button>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label="分页">
          <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>
            上一页
          </Button>
          <span>
            第 {page} / {pages} 页
          </span>
          <Button disabled={page >= pages} onClick={() => setPage(page + 1)}>
            下一页
          </Button>
        </nav>
      )}
    </main>
  );
}
