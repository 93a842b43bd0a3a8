// PDF goes through LibreOffice, a heavy process (hundreds of MB, about a second each): one
// conversion at a time, a short queue behind it, and a clear "busy" past that instead of a
// machine swapping itself to a halt.

/** The queue is full; the caller answers 503. */
export class PdfBusyError extends Error {
  override name = 'PdfBusyError';
}

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly maxWaiting: number) {}

  /** Runs `task` after every task queued before it; refuses when `maxWaiting` already wait. */
  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.waiting >= this.maxWaiting) return Promise.reject(new PdfBusyError('PDF 生成繁忙'));
    this.waiting++;
    const result = this.tail.then(() => {
      this.waiting--;
      return task();
    });
    // The next task waits for this one to settle, whether it succeeded or not.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Tasks queued or running. */
  get length(): number {
    return this.waiting;
  }
}
