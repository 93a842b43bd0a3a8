import Alert from '@mui/material/Alert';
import { cnIsoDate, type Program } from '@shenbao/core';
import { useEffect, useState } from 'react';
import { type CentreView, centresApi } from '../centres/api';
import { MissedAssessmentAction } from '../centres/missed-action';
import { centreStatus, recognisedOn, yearResult } from '../centres/status';
import { YearSelect } from '../components/year-select';
import { loadProgramme } from '../programmes';
import { href } from '../router';

/** The assessment years a centre list can show: from the validity's first year to its last. */
function validityYears(program: Program): number[] {
  const first = Number(program.manifest.validity.from.slice(0, 4));
  const last = Number(program.manifest.validity.to.slice(0, 4));
  const out: number[] = [];
  for (let y = first; y <= last; y++) out.push(y);
  return out;
}

/** Last year by default: its self-assessment is handed in this year (docs/api.md, /api/due). */
function defaultYear(years: number[]): number | undefined {
  const last = new Date().getFullYear() - 1;
  if (years.includes(last)) return last;
  return years.filter((y) => y <= last).at(-1) ?? years[0];
}

const dayText = (d: string | null | undefined): string => (d ? cnIsoDate(d.slice(0, 10)) : '—');

/**
 * 创新中心 (staff): the programme's recognised centres with the names in force today, the
 * recognition date, the chosen year's result and the centre's standing; each opens on its page.
 */
export function CentresPage({ programId, query }: { programId: string; query: URLSearchParams }) {
  const [program, setProgram] = useState<Program>();
  const [items, setItems] = useState<CentreView[]>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    loadProgramme(programId).then(
      ({ program: p }) => setProgram(p),
      (e: Error) => setError(e.message),
    );
  }, [programId]);

  const years = program ? validityYears(program) : [];
  const asked = Number(query.get('year'));
  const year = years.includes(asked) ? asked : defaultYear(years);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloads` asks again after an act on the list
  useEffect(() => {
    if (year === undefined) return;
    setItems(undefined);
    centresApi.list(programId).then(setItems, (e: Error) => setError(e.message));
  }, [programId, year, reloads]);

  const exportHref = `/api/exports/centres.xlsx?programId=${encodeURIComponent(programId)}&year=${year ?? ''}`;
  return (
    <main className="centres-page">
      <p className="crumbs">
        <a href={href.home()}>全部项目</a> /{' '}
        <a href={href.staffList(programId)}>{program?.manifest.title ?? programId}</a> / 创新中心
      </p>
      <h1>创新中心</h1>
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      <div className="filters">
        <YearSelect
          label="考核年度"
          years={years}
          value={year}
          onYear={(y) => {
            window.location.hash = href.centres(programId, y);
          }}
        />
        <a className="export-link" href={exportHref} download>
          导出 Excel
        </a>
        {program && items && year !== undefined && (
          <MissedAssessmentAction
            program={program}
            year={year}
            centres={items}
            onDone={(text) => {
              setDone(text);
              setReloads((n) => n + 1);
            }}
          />
        )}
      </div>
      {done && (
        <Alert
          severity="success"
          role="status"
          closeText="关闭"
          onClose={() => setDone(undefined)}
          data-testid="missed-done"
        >
          {done}
        </Alert>
      )}
      {!items ? (
        <p className="loading">正在加载…</p>
      ) : items.length === 0 ? (
        <p data-testid="centres-empty">尚无已认定的创新中心。</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table list-table" data-testid="centres">
            <thead>
              <tr>
                <th scope="col">创新中心名称（品牌）</th>
                <th scope="col">运营单位</th>
                <th scope="col">统一社会信用代码</th>
                <th scope="col">认定日期</th>
                <th scope="col">{year}年度考核结果</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => {
                const status = centreStatus(c);
                return (
                  <tr key={c.id} data-centre={c.id} data-status={status.key}>
                    <td data-label="创新中心名称（品牌）">
                      <a href={href.centre(programId, c.id)}>{c.brand}</a>
                    </td>
                    <td data-label="运营单位">{c.operator}</td>
                    <td data-label="统一社会信用代码" className="sb-mono">
                      {c.orgUscc}
                    </td>
                    <td data-label="认定日期">{dayText(recognisedOn(c))}</td>
                    <td data-label="考核结果">
                      {year !== undefined && year >= c.year
                        ? yearResult(c.years.find((y) => y.year === year))
                        : '—'}
                    </td>
                    <td data-label="状态">
                      <span className={`state centre-${status.key}`}>{status.text}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
