import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import type { Program } from '@shenbao/core';
import { FormStore, type SchemaNode, ShenbaoForm, skeleton } from '@shenbao/forms';
import { useEffect, useMemo, useState } from 'react';
import { downloadBlob } from '../documents/documents';
import { loadProgramme } from '../programmes';
import { href } from '../router';
import { type SchemaChange, targetChanges } from '../schema-diff';
import { saveTargets } from '../storage/db';
import { resolveTargets, targetYears } from '../storage/targets';

interface YearState {
  year: number;
  store: FormStore;
  source: 'saved' | 'file' | 'new';
  previous: { year: number; schema: SchemaNode } | undefined;
}

async function loadYear(program: Program, year: number, years: number[]): Promise<YearState> {
  const own = await resolveTargets(program, year);
  const earlier = years.filter((y) => y < year);
  const prevYear = earlier[earlier.length - 1];
  const prev = prevYear !== undefined ? await resolveTargets(program, prevYear) : undefined;
  const appForm = program.manifest.eligibility?.form;
  const previous =
    prev && prevYear !== undefined && appForm
      ? { year: prevYear, schema: program.schemaFor({ form: appForm, targets: prev.data }) }
      : undefined;
  let data: unknown;
  if (own) data = structuredClone(own.data);
  else if (prev) data = { ...structuredClone(prev.data as Record<string, unknown>), year };
  else data = { ...skeleton(program.formSchema(program.manifest.targets.form)), year };
  return { year, store: new FormStore(data), source: own ? own.source : 'new', previous };
}

/**
 * Staff edit a year's targets in the targets form, see what changes in the application
 * form against the previous year, and save (in this browser) or download the JSON.
 */
export function TargetsPage({ programId, query }: { programId: string; query: URLSearchParams }) {
  const [program, setProgram] = useState<Program>();
  const [years, setYears] = useState<number[]>([]);
  const [state, setState] = useState<YearState>();
  const [error, setError] = useState<string>();
  const asked = Number(query.get('year'));

  useEffect(() => {
    loadProgramme(programId).then(
      async ({ program: p }) => {
        const ys = await targetYears(p);
        const last = ys[ys.length - 1] ?? new Date().getFullYear();
        const choices = [...ys, last + 1];
        setProgram(p);
        setYears(choices);
        const year = Number.isInteger(asked) && asked > 0 ? asked : last;
        setState(await loadYear(p, year, choices.includes(year) ? choices : [...choices, year].sort()));
      },
      (e: Error) => setError(e.message),
    );
  }, [programId, asked]);

  if (error) return <Alert severity="error">{error}</Alert>;
  if (!program || !state) return <p className="loading">正在加载…</p>;
  const pick = (y: number): void => {
    window.location.hash = `${href.targets(programId)}?year=${y}`;
  };
  return (
    <main className="targets-page">
      <p className="crumbs">
        <a href={href.home()}>全部项目</a> / {program.manifest.title} / 年度认定要求（主管部门）
      </p>
      <h1>年度认定要求与绩效目标</h1>
      <div className="toolbar">
        <label className="year-pick">
          年度
          <select
            value={state.year}
            onChange={(e) => pick(Number(e.target.value))}
            data-testid="targets-year"
          >
            {[...new Set([...years, state.year])].sort().map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <span className="hint">
          {state.source === 'saved'
            ? '本机已保存的版本'
            : state.source === 'file'
              ? '项目文件中的版本'
              : `新年度，以${state.previous?.year ?? ''}年为起点`}
        </span>
      </div>
      <TargetsEditor key={state.year} program={program} state={state} />
    </main>
  );
}

function TargetsEditor({ program, state }: { program: Program; state: YearState }) {
  const targetsForm = program.manifest.targets.form;
  const appForm = program.manifest.eligibility?.form;
  const schema = useMemo(() => program.formSchema(targetsForm), [program, targetsForm]);
  const [changes, setChanges] = useState<SchemaChange[]>([]);
  const [result, setResult] = useState<{ ok: boolean; text: string; reasons?: string[] }>();

  useEffect(() => {
    const compute = (): void => {
      if (!appForm || !state.previous) return;
      try {
        const after = program.schemaFor({ form: appForm, targets: state.store.getData() });
        setChanges(targetChanges(program, appForm, state.previous.schema, after));
      } catch {
        setChanges([]);
      }
    };
    compute();
    let t: ReturnType<typeof setTimeout> | undefined;
    const off = state.store.onChange(() => {
      if (t) clearTimeout(t);
      t = setTimeout(compute, 250);
    });
    return () => {
      off();
      if (t) clearTimeout(t);
    };
  }, [program, appForm, state]);

  const check = (): string[] => {
    const data = state.store.getData();
    const reasons = program.validate({ form: targetsForm }, data).errors.map((e) => e.message);
    const y = (data as { year?: unknown }).year;
    if (y !== state.year) reasons.push(`“年度”填写为 ${String(y)}，与所选年度 ${state.year} 不一致`);
    return reasons;
  };
  const save = async (): Promise<void> => {
    state.store.setSubmitAttempted(true);
    const reasons = check();
    if (reasons.length > 0) {
      setResult({ ok: false, text: '年度要求有误，未保存：', reasons });
      return;
    }
    const saved = await saveTargets(program.id, state.year, state.store.getData());
    setResult({
      ok: true,
      text: `已保存 ${state.year} 年度要求（${new Date(saved.savedAt).toLocaleTimeString('zh-CN')}）。申报表单将按此要求校验。`,
    });
  };
  const download = (): void => {
    const reasons = check();
    if (reasons.length > 0) {
      setResult({ ok: false, text: '年度要求有误，不能下载：', reasons });
      return;
    }
    downloadBlob(
      new Blob([`${JSON.stringify(state.store.getData(), null, 2)}\n`], { type: 'application/json' }),
      `${state.year}.json`,
    );
  };

  const changed = changes.filter((c) => c.changed).length;
  return (
    <div className="targets-grid">
      <section aria-labelledby="targets-form-title">
        <h2 id="targets-form-title">{state.year} 年度要求</h2>
        <ShenbaoForm program={program} form={targetsForm} schema={schema} store={state.store} />
        <div className="toolbar">
          <Button variant="contained" onClick={() => void save()} data-testid="targets-save">
            保存
          </Button>
          <Button variant="outlined" onClick={download}>
            下载 JSON
          </Button>
        </div>
        {result && (
          <Alert severity={result.ok ? 'success' : 'error'} role="status" data-testid="targets-result">
            {result.text}
            {result.reasons && (
              <ul>
                {result.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </section>
      {state.previous && (
        <section aria-labelledby="diff-title" className="diff">
          <h2 id="diff-title">
            申报表单对照：{state.previous.year} 年 → {state.year} 年
          </h2>
          <p>{changed === 0 ? '与上一年度相比没有变化。' : `有 ${changed} 项要求发生变化（已标出）。`}</p>
          <table className="sb-table diff-table">
            <thead>
              <tr>
                <th scope="col">栏目</th>
                <th scope="col">要求</th>
                <th scope="col">{state.previous.year} 年</th>
                <th scope="col">{state.year} 年</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr
                  key={c.path}
                  className={c.changed ? 'changed' : ''}
                  data-changed={c.changed}
                  title={c.path}
                >
                  <td>{c.field}</td>
                  <td>{c.keyword}</td>
                  <td>{c.before}</td>
                  <td>
                    {c.after}
                    {c.changed && <span className="badge">已变更</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
