import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { enumTitles, getPointer, joinPointer, type Program, walkSchema } from '@shenbao/core';
import { useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import { type CentreYear, centresApi, type Goals } from './api';

type Indicator = NonNullable<Program['manifest']['assessment']>['indicators'][number];

/** The year's minimum of an indicator, from the published targets (program.json `targetFrom`). */
export function yearMinimum(ind: Indicator, targets: unknown): unknown {
  return targets === undefined ? undefined : getPointer(targets, ind.targetFrom);
}

/**
 * The choices of a `containsAll` indicator with their titles, read from the self-assessment form
 * (the same node core labels a missing item with), the year's required ones first.
 */
function choicesOf(program: Program, ind: Indicator, required: unknown): { value: string; title: string }[] {
  const spec = program.manifest.assessment;
  if (!spec) return [];
  const schema = program.formSchema(spec.form);
  const node = walkSchema(schema, joinPointer(spec.indicatorsPath ?? '', ind.id, 'actual')).at(-1)?.schema;
  const titles = node ? enumTitles(schema, node) : undefined;
  const values = [
    ...new Set([...(Array.isArray(required) ? required.map(String) : []), ...(titles?.keys() ?? [])]),
  ];
  return values.map((v) => ({ value: v, title: titles?.get(v) ?? v }));
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/**
 * 年度绩效目标 (第十一条): one field per indicator of program.json `assessment.indicators`, each
 * with the year's minimum as its hint. The server judges; a refusal is shown at the field it names.
 * The operator commits its own goals; staff may raise them (never lower, says the server).
 */
export function GoalsForm({
  program,
  centreId,
  year,
  targets,
  onSaved,
}: {
  program: Program;
  centreId: string;
  year: CentreYear | { year: number; goals: null };
  targets: unknown;
  onSaved: (y: CentreYear, warnings: string[]) => void;
}) {
  const indicators = useMemo(() => program.manifest.assessment?.indicators ?? [], [program]);
  const [values, setValues] = useState<Record<string, string | string[]>>(() => {
    const out: Record<string, string | string[]> = {};
    for (const ind of indicators) {
      const given = year.goals?.[ind.id];
      if (ind.kind === 'containsAll') {
        const min = yearMinimum(ind, targets);
        out[ind.id] = Array.isArray(given) ? given : Array.isArray(min) ? min.map(String) : [];
      } else out[ind.id] = text(given);
    }
    return out;
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const choices = useMemo(
    () =>
      new Map(
        indicators
          .filter((i) => i.kind === 'containsAll')
          .map((i) => [i.id, choicesOf(program, i, yearMinimum(i, targets))]),
      ),
    [program, indicators, targets],
  );

  const save = async (): Promise<void> => {
    const goals: Goals = {};
    const local: Record<string, string> = {};
    for (const ind of indicators) {
      const v = values[ind.id];
      if (Array.isArray(v)) goals[ind.id] = v;
      else if (v?.trim()) {
        const n = Number(v);
        if (Number.isFinite(n)) goals[ind.id] = n;
        else local[ind.id] = `「${ind.title}」须填写数字`;
      }
    }
    setErrors(local);
    setError(undefined);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const r = await centresApi.setGoals(centreId, year.year, goals);
      onSaved(r, r.warnings ?? []);
    } catch (e) {
      // The server names each refused goal by path (/goals/<indicator>): shown at its field.
      const at: Record<string, string> = {};
      if (e instanceof ApiError && Array.isArray(e.body.errors))
        for (const x of e.body.errors as { path?: string; message?: string }[]) {
          const id = x.path?.replace(/^\/goals\//, '');
          if (id && x.message && indicators.some((i) => i.id === id)) at[id] ??= x.message;
        }
      setErrors(at);
      if (Object.keys(at).length === 0) setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="centre-goals"
      aria-label={`${year.year}年度绩效目标`}
      data-testid={`goals-${year.year}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="centre-goal-fields">
        {indicators.map((ind) => {
          const min = yearMinimum(ind, targets);
          const id = `goal-${year.year}-${ind.id}`;
          const err = errors[ind.id];
          if (ind.kind === 'containsAll') {
            const picked = (values[ind.id] as string[] | undefined) ?? [];
            return (
              <fieldset key={ind.id} className="centre-goal" data-indicator={ind.id}>
                <legend>
                  {ind.title}（{ind.unit}）
                </legend>
                {(choices.get(ind.id) ?? []).map((c) => (
                  <label key={c.value} className="centre-goal-choice">
                    <input
                      type="checkbox"
                      checked={picked.includes(c.value)}
                      onChange={(e) =>
                        setValues({
                          ...values,
                          [ind.id]: e.target.checked
                            ? [...picked, c.value]
                            : picked.filter((p) => p !== c.value),
                        })
                      }
                    />
                    {c.title}
                  </label>
                ))}
                {Array.isArray(min) && (
                  <span className="centre-goal-hint">
                    本年度须包含{min.length}
                    {ind.unit}
                  </span>
                )}
                {err && (
                  <span className="centre-goal-error" role="alert">
                    {err}
                  </span>
                )}
              </fieldset>
            );
          }
          return (
            <div key={ind.id} className="centre-goal" data-indicator={ind.id}>
              <label htmlFor={id}>
                {ind.title}（{ind.unit}）
              </label>
              <input
                id={id}
                inputMode="decimal"
                value={(values[ind.id] as string | undefined) ?? ''}
                aria-invalid={err ? true : undefined}
                aria-describedby={`${id}-hint${err ? ` ${id}-error` : ''}`}
                onChange={(e) => {
                  setValues({ ...values, [ind.id]: e.target.value });
                  if (err) setErrors({ ...errors, [ind.id]: '' });
                }}
              />
              <span id={`${id}-hint`} className="centre-goal-hint">
                {min === undefined ? '本年度未发布最低要求' : `不低于本年度最低要求 ${text(min)}${ind.unit}`}
              </span>
              {err && (
                <span id={`${id}-error`} className="centre-goal-error" role="alert">
                  {err}
                </span>
              )}
            </div>
          );
        })}
      </div>
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      <Button type="submit" variant="contained" size="small" disabled={busy}>
        {busy ? '正在保存…' : '保存绩效目标'}
      </Button>
    </form>
  );
}
