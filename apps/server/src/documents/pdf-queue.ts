// PDF goes through LibreOffice, a heavy process (hundreds of MB, about a second each): one
// conversion at a time, a short queue behind it, and a clear "busy" past that instead of a
// machine swapping itself to a halt.

/** The queue is full; the caller answers 503. */
export class PdfBusyError extends Error {
  override name = 'PdfBusyError';
}

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  /** `maxWaiting`: tasks that may wait behind the one running. */
  constructor(private readonly maxWaiting: number) {}

  /** Runs `task` after every task queued before it; refuses when the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.pending > this.maxWaiting) return Promise.reject(new PdfBusyError('PDF 生成繁忙'));
    this.pending++;
    const result = this.tail.then(task).finally(() => {
      this.pending--;
    });
    // The next task waits for this one to settle, whether it succeeded or not.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Tasks running or waiting. */
  get length(): number {
    return this.pending;
  }
}
