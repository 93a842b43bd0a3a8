/**
 * Deadlines acted on (公示期满 …): due rows of the `deadlines` table, not in-memory timers, so
 * a deadline that passes while the server is stopped is acted on at the next start, and once
 * only with several processes: each batch is one transaction that locks its rows
 * (`listDueDeadlines`, FOR UPDATE SKIP LOCKED) and ends each one in it. For each deadline:
 * the application still in that state → the programme's engine decides as the system role and
 * the transition is applied (the deadline completed as 'fired'); a refusal (an objection still
 * open) → the deadline stays due with the Chinese reason and one more attempt (least-tried
 * first next time); the application no longer in that state → completed as 'obsolete'.
 */
import {
  completeDeadline,
  type DeadlineRecord,
  failDeadline,
  getApplication,
  listDueDeadlines,
  type Transaction,
} from '@shenbao/store';
import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-error';
import { deliver, type Notification } from './notifier';
import { applyTransition, systemActor } from './transition';

/** Deadlines taken per transaction. */
export const SCHEDULER_BATCH = 20;

export interface SchedulerRun {
  /** Deadlines whose transition was taken. */
  fired: number;
  /** Deadlines refused (they stay due) or in error. */
  failed: number;
  /** Deadlines ended because the application had left their state. */
  obsolete: number;
}

type Outcome = 'fired' | 'failed' | 'obsolete';

/**
 * Acts on every deadline due now (the app's business clock). Each batch is one transaction;
 * batches repeat until a batch finds nothing new to do.
 */
export async function runDueDeadlines(app: FastifyInstance): Promise<SchedulerRun> {
  const run: SchedulerRun = { fired: 0, failed: 0, obsolete: 0 };
  const seen = new Set<string>();
  for (;;) {
    const notifications: Notification[] = [];
    const outcomes = await app.db.transaction(async (tx) => {
      const now = app.now();
      const due = (await listDueDeadlines(tx, { now, limit: SCHEDULER_BATCH })).filter(
        (d) => !seen.has(d.id),
      );
      const out: Outcome[] = [];
      for (const d of due) {
        seen.add(d.id);
        out.push(await actOn(app, tx, d, now, notifications));
      }
      return out;
    });
    for (const o of outcomes) run[o]++;
    await deliver(app.notifier, app.log, notifications);
    if (outcomes.length === 0) return run;
  }
}

async function actOn(
  app: FastifyInstance,
  tx: Transaction,
  d: DeadlineRecord,
  now: Date,
  notifications: Notification[],
): Promise<Outcome> {
  const application = await getApplication(tx, d.applicationId);
  if (!application || application.state !== d.state) {
    await completeDeadline(tx, d.id, 'obsolete');
    return 'obsolete';
  }
  const lp = app.programs.get(application.programId);
  if (!lp) {
    await failDeadline(tx, d.id, '服务器未加载该申报所属的项目');
    return 'failed';
  }
  try {
    const applied = await applyTransition(tx, {
      program: lp.program,
      applicationId: application.id,
      version: undefined,
      transitionId: d.transition,
      actor: systemActor(lp.program),
      now,
      firing: d.id,
    });
    notifications.push(...applied.notifications);
    app.log.info(
      { deadline: d.id, applicationId: application.id, transition: d.transition },
      'deadline fired',
    );
    return 'fired';
  } catch (e) {
    // A refusal is decided before anything is written: the transaction stays usable.
    if (!(e instanceof HttpError)) throw e;
    await failDeadline(tx, d.id, e.message);
    app.log.info({ deadline: d.id, applicationId: application.id, reason: e.message }, 'deadline not fired');
    return 'failed';
  }
}

/**
 * Runs `runDueDeadlines` now and every `everyMs`; one run at a time. Returns a stop function
 * that waits for a run in progress.
 */
export function startScheduler(app: FastifyInstance, everyMs: number): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = running
      .then(async () => {
        if (stopped) return;
        const r = await runDueDeadlines(app);
        if (r.fired + r.failed + r.obsolete > 0) app.log.info({ scheduler: r }, 'deadlines acted on');
      })
      .catch((err: unknown) => app.log.warn({ err }, 'scheduler run failed'));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
