import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { cnIsoDate, noticeDocuments, type Program } from '@shenbao/core';
import { useEffect, useMemo, useState } from 'react';
import { YearSelect } from '../components/year-select';
import { type NoticeListItem, noticesApi, publicNoticeUrl } from '../notices/api';
import { loadProgramme } from '../programmes';
import { href } from '../router';
import { zonedText } from '../time';

/** The years a notice can be for: those of the measures' validity (program.json `validity`). */
function validityYears(program: Program): number[] {
  const first = Number(program.manifest.validity.from.slice(0, 4));
  const last = Number(program.manifest.validity.to.slice(0, 4));
  const out: number[] = [];
  for (let y = first; y <= last; y++) out.push(y);
  return out;
}

/** The year shown first: this year when within the validity, else the nearest one. */
function defaultYear(years: number[]): number | undefined {
  const now = new Date().getFullYear();
  if (years.includes(now)) return now;
  return years.filter((y) => y <= now).at(-1) ?? years[0];
}

const dayText = (d: string | undefined): string => (d ? cnIsoDate(d) : '—');

/**
 * 公示与公告 (staff): the year's notices of the programme, drafts and published, each with its
 * 文号, dates and corrections; a new draft of any notice document of the programme (documents
 * with a `notice` spec in program.json), whose list and period the server derives.
 */
export function NoticesPage({ programId, query }: { programId: string; query: URLSearchParams }) {
  const [program, setProgram] = useState<Program>();
  const [items, setItems] = useState<NoticeListItem[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();

  useEffect(() => {
    loadProgramme(programId).then(
      ({ program: p }) => setProgram(p),
      (e: Error) => setError(e.message),
    );
  }, [programId]);

  const years = useMemo(() => (program ? validityYears(program) : []), [program]);
  const asked = Number(query.get('year'));
  const year = years.includes(asked) ? asked : defaultYear(years);
  const docs = useMemo(() => (program ? noticeDocuments(program) : []), [program]);

  useEffect(() => {
    if (year === undefined) return;
    setItems(undefined);
    noticesApi.list(programId, year).then(setItems, (e: Error) => setError(e.message));
  }, [programId, year]);

  const create = async (documentId: string): Promise<void> => {
    if (year === undefined) return;
    setBusy(documentId);
    setError(undefined);
    try {
      const n = await noticesApi.create({ programId, documentId, year });
      window.location.hash = href.notice(programId, n.id);
    } catch (e) {
      setError(`新建失败：${(e as Error).message}`);
      setBusy(undefined);
    }
  };

  const docTitle = (id: string): string => docs.find((d) => d.entry.id === id)?.entry.title ?? id;
  const tz = program?.manifest.timezone;
  return (
    <main className="notices-page">
      <p className="crumbs">
        <a href={href.home()}>全部项目</a> /{' '}
        <a href={href.staffList(programId)}>{program?.manifest.title ?? programId}</a> / 公示与公告
      </p>
      <h1>公示与公告</h1>
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      <div className="filters">
        <YearSelect
          label="年度"
          years={years}
          value={year}
          onYear={(y) => {
            window.location.hash = href.notices(programId, y);
          }}
        />
        <a href="/notices" target="_blank" rel="noopener">
          公开的公示公告页
        </a>
      </div>
      {docs.length > 0 && year !== undefined && (
        <section className="notice-new" aria-label="新建">
          <h2>新建{year}年度公告</h2>
          <ul>
            {docs.map((d) => (
              <li key={d.entry.id}>
                <Button
                  variant="outlined"
                  size="small"
                  disabled={busy !== undefined}
                  onClick={() => void create(d.entry.id)}
                  data-document={d.entry.id}
                >
                  {busy === d.entry.id ? '正在生成…' : `新建「${d.entry.title}」`}
                </Button>
                {d.entry.article && <span className="notice-article">{d.entry.article}</span>}
                {d.entry.when && <span className="notice-when">{d.entry.when}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {!items ? (
        <p className="loading">正在加载…</p>
      ) : items.length === 0 ? (
        <p data-testid="notices-empty">本年度尚无公告。</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table list-table" data-testid="notices">
            <thead>
              <tr>
                <th scope="col">标题</th>
                <th scope="col">文书</th>
                <th scope="col">状态</th>
                <th scope="col">发文字号</th>
                <th scope="col">成文日期</th>
                <th scope="col">公示时间</th>
                <th scope="col">发布时间</th>
                <th scope="col">更正</th>
              </tr>
            </thead>
            <tbody>
              {items.map((n) => (
                <tr key={n.id} data-notice={n.id} data-state={n.state}>
                  <td data-label="标题" className="notice-title-cell">
                    <a href={href.notice(programId, n.id)}>{n.title}</a>
                  </td>
                  <td data-label="文书">{docTitle(n.documentId)}</td>
                  <td data-label="状态">
                    <span className={`state notice-${n.state}`}>
                      {n.state === 'draft' ? '草稿' : '已发布'}
                    </span>
                  </td>
                  <td data-label="发文字号">{n.summary.docNo ?? '—'}</td>
                  <td data-label="成文日期">{dayText(n.summary.date)}</td>
                  <td data-label="公示时间">
                    {n.summary.period
                      ? `${cnIsoDate(n.summary.period.startDate)}至${cnIsoDate(n.summary.period.endDate)}`
                      : '—'}
                  </td>
                  <td data-label="发布时间">{n.publishedAt ? zonedText(n.publishedAt, tz) : '—'}</td>
                  <td data-label="更正">
                    {n.supersededBy && (
                      <a className="notice-link" href={href.notice(programId, n.supersededBy)}>
                        已被更正（见更正稿）
                      </a>
                    )}
                    {/* A correction not yet published (the server marks the original only then). */}
                    {!n.supersededBy &&
                      items
                        .filter((x) => x.supersedes === n.id)
                        .map((x) => (
                          <a key={x.id} className="notice-link" href={href.notice(programId, x.id)}>
                            更正稿（{x.state === 'draft' ? '草稿' : '已发布'}）
                          </a>
                        ))}
                    {n.supersedes && (
                      <a className="notice-link" href={href.notice(programId, n.supersedes)}>
                        更正原公告
                      </a>
                    )}
                    {n.state === 'published' && (
                      <a className="notice-link" href={publicNoticeUrl(n.id)} target="_blank" rel="noopener">
                        公开页
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
