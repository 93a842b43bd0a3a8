// One worker of the batch pool: loads the programme once from the posted file map, then
// renders jobs. Everything a job needs from disk is read here, so parsing, validation,
// rendering and compression all run in parallel.

import { readFile, writeFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { loadProgram } from '@shenbao/core';
import type { BatchJob, BatchWorkerData, WorkerReply } from './batch.js';
import { DocgenValidationError, TemplateErrors } from './errors.js';
import type { DocgenProgram } from './program.js';
import { render } from './render.js';

const init = workerData as BatchWorkerData;
const program = loadProgram(init.files) as unknown as DocgenProgram;

async function run(job: BatchJob): Promise<WorkerReply> {
  try {
    const data =
      'data' in job.input
        ? job.input.data
        : JSON.parse((await readFile(job.input.path, 'utf8')).replace(/^\uFEFF/, ''));
    const bytes = render(program, job.docId, data, {
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

parentPort?.on('message', (job: BatchJob) => {
  void run(job).then((reply) => {
    const transfer = reply.ok && reply.bytes ? [reply.bytes.buffer as ArrayBuffer] : [];
    parentPort?.postMessage(reply, transfer);
  });
});
