/**
 * Reviews (评审): each assigned reviewer's form and score for an application, one per reviewer
 * and application; saving again replaces it. Who may review is the server's question.
 */
import { iso, json } from './rows';
import type { Queryable, ReviewRecord } from './types';

// numeric comes back as a string from node-postgres; as float8 both drivers give a number.
const COLUMNS = `r.application_id, r.reviewer_id, u.name AS reviewer_name, r.data, r.score::float8 AS score,
  r.submitted_at`;

function toReview(r: Record<string, unknown>): ReviewRecord {
  return {
    applicationId: String(r.application_id),
    reviewerId: String(r.reviewer_id),
    reviewerName: String(r.reviewer_name),
    data: r.data,
    score: r.score === null || r.score === undefined ? null : Number(r.score),
    submittedAt: iso(r.submitted_at),
  };
}

export interface NewReview {
  applicationId: string;
  reviewerId: string;
  data: unknown;
  /** The form's score (program.json `procedure.review.scorePath`), when it has one. */
  score: number | null;
}

/** Saves a reviewer's review of an application, replacing the one saved before. */
export async function saveReview(q: Queryable, r: NewReview): Promise<ReviewRecord> {
  if (r.score !== null && !Number.isFinite(r.score))
    throw new RangeError(`saveReview: 分数不是有限数：${r.score}`);
  const [row] = await q.query(
    `WITH r AS (
       INSERT INTO reviews AS x (application_id, reviewer_id, data, score) VALUES ($1, $2, $3::jsonb, $4::numeric)
       ON CONFLICT (application_id, reviewer_id)
         DO UPDATE SET data = excluded.data, score = excluded.score, submitted_at = now()
       RETURNING *
     ) SELECT ${COLUMNS} FROM r JOIN users u ON u.id = r.reviewer_id`,
    [r.applicationId, r.reviewerId, json(r.data ?? null), r.score],
  );
  if (!row) throw new Error('saveReview: INSERT 未返回记录');
  return toReview(row);
}

/** An application's reviews, in the order they were (last) saved. */
export async function listReviews(q: Queryable, applicationId: string): Promise<ReviewRecord[]> {
  const rows = await q.query(
    `SELECT ${COLUMNS} FROM reviews r JOIN users u ON u.id = r.reviewer_id
      WHERE r.application_id = $1 ORDER BY r.submitted_at, r.reviewer_id`,
    [applicationId],
  );
  return rows.map(toReview);
}

/** A reviewer's reviews, latest first. */
export async function listReviewsBy(q: Queryable, reviewerId: string): Promise<ReviewRecord[]> {
  const rows = await q.query(
    `SELECT ${COLUMNS} FROM reviews r JOIN users u ON u.id = r.reviewer_id
      WHERE r.reviewer_id = $1 ORDER BY r.submitted_at DESC, r.application_id`,
    [reviewerId],
  );
  return rows.map(toReview);
}
