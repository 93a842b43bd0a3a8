import Button from '@mui/material/Button';
import type { CentreYear } from './api';
import { yearResult } from './status';

const value = (v: unknown): string =>
  v === null || v === undefined ? '—' : Array.isArray(v) ? `${v.length}项` : String(v);

/**
 * A centre's years: goals (第十一条), the self-assessment handed in, and the assessment per
 * indicator (达标/未达标 with the server's reason); a year with a self-assessment and no result
 * can be assessed from here.
 */
export function CentreYears({
  years,
  canAssess,
  busyYear,
  onAssess,
}: {
  years: CentreYear[];
  canAssess: boolean;
  busyYear: number | undefined;
  onAssess: (year: number) => void;
}) {
  if (years.length === 0) return <p data-testid="years-empty">尚无年度绩效记录。</p>;
  return (
    <>
      {years.map((y) => {
        const open = !y.assessment && !y.missed;
        return (
          <section key={y.year} className="centre-year" data-year={y.year} aria-label={`${y.year}年度`}>
            <h3>
              {y.year}年度 <span className="centre-result">{yearResult(y)}</span>
            </h3>
            <dl className="centre-facts">
              <dt>年度绩效目标</dt>
              <dd>
                {y.goals ? `已设定（${y.goalsSetRole === 'staff' ? '主管部门' : '运营单位'}）` : '未设定'}
              </dd>
              <dt>自评报告</dt>
              <dd>{y.submittedAt ? `已报送（${y.submittedAt.slice(0, 10)}）` : '未报送'}</dd>
              {y.consequence && y.consequence.action !== 'none' && (
                <>
                  <dt>处理</dt>
                  <dd>
                    {y.consequence.article ?? ''} {y.consequence.reason ?? ''}
                  </dd>
                </>
              )}
            </dl>
            {y.assessment && (
              <table className="data-table centre-indicators" data-testid={`indicators-${y.year}`}>
                <thead>
                  <tr>
                    <th scope="col">指标</th>
                    <th scope="col">年度要求</th>
                    <th scope="col">承诺目标</th>
                    <th scope="col">实际完成</th>
                    <th scope="col">结果</th>
                  </tr>
                </thead>
                <tbody>
                  {y.assessment.indicators.map((i) => (
                    <tr key={i.id} data-indicator={i.id} data-met={i.met}>
                      <td>
                        {i.title}
                        {i.unit ? `（${i.unit}）` : ''}
                      </td>
                      <td>{value(i.target)}</td>
                      <td>{value(i.commitment)}</td>
                      <td>{value(i.actual)}</td>
                      <td className={i.met ? 'met' : 'unmet'} title={i.reason ?? undefined}>
                        {i.met ? '达标' : '未达标'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {canAssess && open && y.submittedAt && (
              <Button
                variant="outlined"
                size="small"
                disabled={busyYear !== undefined}
                onClick={() => onAssess(y.year)}
              >
                {busyYear === y.year ? '正在考核…' : `考核${y.year}年度`}
              </Button>
            )}
          </section>
        );
      })}
    </>
  );
}
