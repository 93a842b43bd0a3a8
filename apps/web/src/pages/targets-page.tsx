import Alert from '@mui/material/Alert';
import type { Program } from '@shenbao/core';
import { useEffect, useState } from 'react';
import { YearSelect } from '../components/year-select';
import { loadProgramme } from '../programmes';
import { href } from '../router';
import { targetYears } from '../targets-api';
import { TargetsEditor } from './targets-editor';
import { loadYear, type YearState } from './targets-year';

/**
 * Staff edit a year's targets on the server (a draft, saved with its version), see what the
 * application form would change against the previous published year, and publish.
 */
export function TargetsPage({ programId, query }: { programId: string; query: URLSearchParams }) {
  const [program, setProgram] = useState<Program>();
  const [years, setYears] = useState<number[]>([]);
  const [state, setState] = useState<YearState>();
  const [error, setError] = useState<string>();
  const [reload, setReload] = useState(0);
  const asked = Number(query.get('year'));

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reload` asks for the year again
  useEffect(() => {
    setState(undefined);
    Promise.all([loadProgramme(programId), targetYears(programId)]).then(
      async ([{ program: p }, list]) => {
        const ys = list.map((y) => y.year);
        const last = ys[ys.length - 1] ?? new Date().getFullYear();
        setProgram(p);
        setYears([...new Set([...ys, last + 1])]);
        const year = Number.isInteger(asked) && asked > 0 ? asked : last;
        setState(await loadYear(p, year, ys));
      },
      (e: Error) => setError(e.message),
    );
  }, [programId, asked, reload]);

  if (error) return <Alert severity="error">{error}</Alert>;
  if (!program || !state) return <p className="loading">正在加载…</p>;
  const pick = (y: number): void => {
    window.location.hash = href.targets(programId, y);
  };
  return (
    <main className="targets-page">
      <p className="crumbs">
        <a href={href.home()}>全部项目</a> / {program.manifest.title} / 年度认定要求（主管部门）
      </p>
      <h1>{program.manifest.forms[program.manifest.targets.form]?.title ?? '年度认定要求'}</h1>
      <div className="toolbar">
        <YearSelect
          className="year-pick"
          label="年度"
          years={years}
          value={state.year}
          onYear={pick}
          testId="targets-year"
        />
      </div>
      <TargetsEditor
        key={`${state.year}-${reload}`}
        program={program}
        state={state}
        onReload={() => setReload((n) => n + 1)}
      />
    </main>
  );
}
