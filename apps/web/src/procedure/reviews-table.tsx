import type { Program } from '@shenbao/core';
import { zonedText } from '../time';
import type { ReviewsView } from './api';

/** Scores as read on a score sheet: at most two decimals. */
export const scoreText = (n: number): string => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** Core's aggregate rules (procedure.review.aggregate) as people read them. */
const AGGREGATES: Record<string, string> = {
  mean: '各专家评分的平均分',
  trimmedMean: '去掉一个最高分和一个最低分后的平均分',
  median: '各专家评分的中位数',
};

/** The reviews of the current round (staff): each reviewer's score and time, and the aggregate. */
export function ReviewsTable({ program, reviews }: { program: Program; reviews: ReviewsView }) {
  const spec = program.manifest.procedure.review;
  const tz = program.manifest.timezone;
  const min = spec?.minReviewers;
  return (
    <section className="reviews" aria-labelledby="reviews-title">
      <h2 id="reviews-title">专家评审</h2>
      <p data-testid="review-summary">
        已有 {reviews.count} 位专家评分{min ? `（至少需要 ${min} 份）` : ''}
        {reviews.score !== null && (
          <>
            ；综合得分 <strong data-testid="review-score">{scoreText(reviews.score)}</strong>
            {reviews.aggregate ? `（${AGGREGATES[reviews.aggregate] ?? reviews.aggregate}）` : ''}
          </>
        )}
        。
      </p>
      {reviews.items.length > 0 && (
        <table className="data-table" data-testid="reviews">
          <thead>
            <tr>
              <th scope="col">评审专家</th>
              <th scope="col">得分</th>
              <th scope="col">提交时间</th>
            </tr>
          </thead>
          <tbody>
            {reviews.items.map((r) => (
              <tr key={r.reviewerId}>
                <td>{r.reviewerName ?? r.reviewerId}</td>
                <td>{r.score === null ? '—' : scoreText(r.score)}</td>
                <td>{zonedText(r.submittedAt, tz)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
