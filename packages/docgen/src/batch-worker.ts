// One worker of the batch pool (piscina's worker runs this module's default export per job):
// loads the programme once from the pool's workerData, on the first job, then renders jobs. Everything a job
// needs from disk is read here, so parsing, validation, rendering and compression all run in
// parallel.

import { readFile, writeFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { loadProgram } from '@shenbao/core';
import { move, Piscina, transferableSymbol, valueSymbol } from 'piscina';
import type { BatchJob, BatchWorkerData, JobStarted, WorkerReply } from './batch.js';
import { DocgenValidationError, TemplateErrors } from './errors.js';
import type { DocgenProgram } from './program.js';
import { render } from './render.js';

const init = Piscina.workerData as BatchWorkerData;
let program: DocgenProgram | undefined;

/**
 * Loaded inside a job rather than when the module loads: a programme that does not load then
 * fails each job with its message, where a worker that cannot start would leave jobs waiting.
 */
function loaded(): DocgenProgram {
  program ??= loadProgram(init.files) as unknown as DocgenProgram;
  return program;
}

/** Tells the pool this worker has begun the job, so its time limit starts now, not in the queue. */
export function announceStart(job: BatchJob): void {
  const message: JobStarted = { started: job.id };
  parentPort?.postMessage(message);
}

async function run(job: BatchJob): Promise<WorkerReply> {
  try {
    const data =
      'data' in job.input
        ? job.input.data
        : JSON.parse((await readFile(job.input.path, 'utf8')).replace(/^\uFEFF/, ''));
    const bytes = render(loaded(), job.docId, data, {
      year: init.year,
      placeholder: job.placeholder ?? init.placeholder,
      skipValidation: job.skipValidation,
    });
    if (job.outPath) await writeFile(job.outPath, bytes);
    return { id: job.id, ok: true, size: bytes.length, bytes: job.returnBytes ? bytes : undefined };
  } catch (e) {
    if (e instanceof DocgenValidationError) {
      return { id: job.id, ok: false, message: '数据校验未通过', errors: [...e.errors] };
    }
    if (e instanceof TemplateErrors) return { id: job.id, ok: false, message: e.message };
    if (e instanceof SyntaxError) return { id: job.id, ok: false, message: `不是合法的 JSON：${e.message}` };
    return { id: job.id, ok: false, message: (e as Error).message };
  }
}

/** The reply, with the document's bytes moved (not copied) back to the pool's thread. */
function movable(reply: WorkerReply) {
  if (!reply.ok || !reply.bytes) return reply;
  const buffer = reply.bytes.buffer as ArrayBuffer;
  return move({
    get [transferableSymbol]() {
      return [buffer];
    },
    get [valueSymbol]() {
      return reply;
    },
  });
}

export default async function renderJob(job: BatchJob) {
  announceStart(job);
  return movable(await run(job));
}
