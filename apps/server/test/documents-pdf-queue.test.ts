// The PDF queue: one LibreOffice at a time, in order, a failure does not stall the queue, and
// past the waiting limit a request is turned away at once (the endpoint answers 503).
import { describe, expect, it } from 'vitest';
import { PdfBusyError, SerialQueue } from '../src/documents/pdf-queue';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('PDF queue', () => {
  it('runs one task at a time, in the order they came, past failures', async () => {
    const q = new SerialQueue(10);
    const gates = [deferred<string>(), deferred<string>(), deferred<string>()];
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const results = gates.map((g, i) =>
      q
        .run(async () => {
          started.push(i);
          running++;
          most = Math.max(most, running);
          try {
            return await g.promise;
          } finally {
            running--;
          }
        })
        .catch((e: Error) => `failed: ${e.message}`),
    );
    await Promise.resolve();
    expect(started).toEqual([0]);
    gates[0]?.reject(new Error('LibreOffice crashed'));
    await results[0];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    gates[1]?.resolve('b');
    gates[2]?.resolve('c');
    expect(await Promise.all(results)).toEqual(['failed: LibreOffice crashed', 'b', 'c']);
    expect(most).toBe(1);
  });

  it('turns a request away when the queue is full', async () => {
    const q = new SerialQueue(1);
    const gate = deferred<void>();
    const running = q.run(() => gate.promise);
    const waiting = q.run(async () => 'waited');
    await expect(q.run(async () => 'third')).rejects.toBeInstanceOf(PdfBusyError);
    expect(q.length).toBe(2);
    gate.resolve();
    await running;
    expect(await waiting).toBe('waited');
    await expect(q.run(async () => 'later')).resolves.toBe('later');
    expect(q.length).toBe(0);
  });
});
