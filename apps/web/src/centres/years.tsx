import type { ReactNode } from 'react';
import type { CentreYear } from './api';
import { yearResult } from './status';

const value = (v: unknown): string =>
  v === null || v === undefined ? '—' : Array.isArray(v) ? `${v.length}项` : String(v);

/** What a year's result calls for, in words: the 通告 to draft, or the revocation proposed on its ground. */
export function consequenceText(c: CentreYear['consequence']): string | undefined {
  if (!c || c.action === 'none') return undefined;
  const what =
    c.action === 'notice' ? '列入通告（待起草）' : `拟撤销${c.groundText ? `：${c.groundText}` : ''}`;
  return [c.article, what, c.reason].filter(Boolean).join('　');
}

/** A year not yet assessed nor marked missed: goals, self-assessment and assessment are still open. */
export const isOpenYear = (y: CentreYear): boolean => !y.assessment && !y.missed;

/**
 * A centre's years: goals (第十一条), the self-assessment handed in, and the assessment per
 * indicator (达标/未达标 with the server's reason); `children` adds what the page lets its
 * reader do with a year (set goals, hand in the self-assessment, assess).
 */
export function CentreYears({
  years,
  children,
}: {
  years: CentreYear[];
  children?: (y: CentreYear) => ReactNode;
}) {
  if (years.length === 0) return <p data-testid="years-empty">尚无年度绩效记录。</p>;
  return (
    <>
      {years.map((y) => {
        const consequence = consequenceText(y.consequence);
        const comment = (y.assessment as { comment?: unknown } | null)?.comment;
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
              {typeof comment === 'string' && comment && (
                <>
                  <dt>考核意见</dt>
                  <dd>{comment}</dd>
                </>
              )}
              {consequence && (
                <>
                  <dt>处理</dt>
                  <dd data-testid={`consequence-${y.year}`} data-action={y.consequence?.action}>
                    {consequence}
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
            {children?.(y)}
          </section>
        );
      })}
    </>
  );
}
