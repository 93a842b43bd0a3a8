// The batch worker with misbehaviour on cue, for the pool's tests: a job whose docId names a
// misdeed crashes or hangs its worker instead of rendering; every other job renders as usual.

import renderJob, { announceStart } from '../src/batch-worker-tsx.mjs';

export default async function unruly(job) {
  if (job.docId === 'exit') {
    announceStart(job);
    process.exit(3);
  }
  if (job.docId === 'throw-outside') {
    announceStart(job);
    // Thrown outside the job's promise: an uncaught error that takes the worker down.
    setImmediate(() => {
      throw new Error('线程外的异常');
    });
    return new Promise(() => {});
  }
  if (job.docId === 'hang') {
    announceStart(job);
    // A render stuck in a loop: only ending the worker stops it.
    for (;;);
  }
  return renderJob(job);
}
