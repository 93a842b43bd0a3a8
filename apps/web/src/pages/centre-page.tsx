import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import type { Program } from '@shenbao/core';
import { useEffect, useState } from 'react';
import { type CentreView, centresApi } from '../centres/api';
import { AssessForm } from '../centres/assess-form';
import { ChangesTable, dayText } from '../centres/changes';
import { GoalsForm } from '../centres/goals-form';
import { RevokeDialog } from '../centres/revoke-dialog';
import { centreStatus, recognisedOn } from '../centres/status';
import { useYearTargets } from '../centres/year-targets';
import { CentreYears, isOpenYear } from '../centres/years';
import { loadProgramme } from '../programmes';
import { href } from '../router';

/**
 * One centre (staff): its names over time, its years (goals, self-assessment, assessment per
 * indicator), the revocation proposed or decided with its ban, and the major changes reported
 * (第十六条), late ones flagged 逾期.
 */
export function CentrePage({ programId, id }: { programId: string; id: string }) {
  const [program, setProgram] = useState<Program>();
  const [centre, setCentre] = useState<CentreView>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [revoking, setRevoking] = useState(false);
  const targets = useYearTargets(programId, centre?.years.map((y) => y.year) ?? []);

  useEffect(() => {
    Promise.all([loadProgramme(programId), centresApi.get(id)]).then(
      ([{ program: p }, c]) => {
        setProgram(p);
        setCentre(c);
      },
      (e: Error) => setError(e.message),
    );
  }, [programId, id]);

  const reload = async (message: string): Promise<void> => {
    try {
      setCentre(await centresApi.get(id));
      setNotice(message);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  if (!centre || !program)
    return error ? <Alert severity="error">{error}</Alert> : <p className="loading">正在加载…</p>;
  const status = centreStatus(centre);
  const rev = centre.revocation;
  const revocation = program.manifest.procedure.revocation;
  const ground = rev ? revocation.grounds.find((g) => g.id === rev.ground) : undefined;
  return (
    <main className="centre-page" data-testid="centre" data-status={status.key}>
      <p className="crumbs">
        <a href={href.home()}>全部项目</a> / <a href={href.staffList(programId)}>{program.manifest.title}</a>{' '}
        / <a href={href.centres(programId)}>创新中心</a> / {centre.brand}
      </p>
      <div className="page-head">
        <h1>{centre.brand}</h1>
        <span className={`state centre-${status.key}`} data-testid="centre-status">
          {status.text}
        </span>
        {centre.status === 'active' && (
          <Button variant="outlined" color="error" size="small" onClick={() => setRevoking(true)}>
            撤销
          </Button>
        )}
      </div>
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      {notice && (
        <Alert severity="success" role="status">
          {notice}
        </Alert>
      )}
      <dl className="centre-facts">
        <dt>运营单位</dt>
        <dd>{centre.operator}</dd>
        <dt>统一社会信用代码</dt>
        <dd className="sb-mono">{centre.orgUscc}</dd>
        <dt>申报编号</dt>
        <dd className="sb-mono">
          <a href={href.staffApplication(programId, centre.id)}>{centre.receiptNo ?? '（未编号）'}</a>
        </dd>
        <dt>认定日期</dt>
        <dd>{dayText(recognisedOn(centre))}</dd>
      </dl>

      {rev && (
        <section className={`centre-revocation ${rev.status}`} data-testid="revocation" aria-label="撤销">
          <h2>{rev.status === 'decided' ? '已撤销认定' : '拟撤销认定'}</h2>
          <p>
            {/* The server's article already names the item, e.g. 第十四条（三）. */}
            {rev.article}
            {ground?.text ?? rev.groundText}
            {rev.decidedOn ? `，${dayText(rev.decidedOn)}决定` : rev.proposedBy ? '' : '（依规则提出）'}
          </p>
          {rev.reason && <p>理由：{rev.reason}</p>}
          {rev.ban && (
            <p className="centre-ban" data-testid="ban">
              {rev.ban.article}：{rev.ban.text}
            </p>
          )}
        </section>
      )}

      <section aria-labelledby="names-title">
        <h2 id="names-title">名称沿革</h2>
        <table className="data-table" data-testid="names">
          <thead>
            <tr>
              <th scope="col">创新中心名称（品牌）</th>
              <th scope="col">运营单位</th>
              <th scope="col">起始日期</th>
              <th scope="col">缘由</th>
            </tr>
          </thead>
          <tbody>
            {centre.names.map((n) => (
              <tr key={`${n.fromDate}-${n.brand}-${n.operator}`}>
                <td>{n.brand}</td>
                <td>{n.operator}</td>
                <td>{dayText(n.fromDate)}</td>
                <td>{n.reason ?? '认定'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="years-title">
        <h2 id="years-title">年度绩效</h2>
        <CentreYears years={centre.years}>
          {(y) =>
            centre.status === 'active' &&
            isOpenYear(y) && (
              <div className="centre-year-actions">
                {y.goals && targets && (
                  <details className="centre-raise">
                    <summary>调高{y.year}年度绩效目标</summary>
                    <GoalsForm
                      key={`${y.year}-${y.goalsSetAt ?? ''}`}
                      program={program}
                      centreId={centre.id}
                      year={y}
                      targets={targets.get(y.year)}
                      onSaved={(_, warnings) =>
                        void reload([`${y.year}年度绩效目标已调整`, ...warnings].join('；'))
                      }
                    />
                  </details>
                )}
                {y.submittedAt && (
                  <AssessForm centreId={centre.id} year={y} onDone={(_, message) => void reload(message)} />
                )}
              </div>
            )
          }
        </CentreYears>
      </section>

      <section aria-labelledby="changes-title">
        <h2 id="changes-title">重大事项报告（{program.manifest.procedure.majorChange.article}）</h2>
        <ChangesTable changes={centre.changes} />
      </section>

      {revoking && (
        <RevokeDialog
          program={program}
          centre={centre}
          open={revoking}
          onClose={() => setRevoking(false)}
          onDone={(c) => {
            setCentre(c);
            setRevoking(false);
            setNotice('已撤销认定');
          }}
        />
      )}
    </main>
  );
}
