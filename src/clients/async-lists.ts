/**
 * Every list the typed clients return is an `AsyncIterable`: pages are fetched as the caller
 * consumes them, so a 50,000-device estate is never held twice (raw JSON and our types).
 */

/** Reads a whole list into an array, for callers that need it all at once. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/**
 * Runs `work` for each input with at most `concurrency` calls in flight and yields the results
 * in input order. The window only refills as the caller consumes, so a slow consumer holds at
 * most `concurrency` results in memory, unlike queueing every input up front.
 */
export async function* mapConcurrent<T, R>(inputs: Iterable<T>, concurrency: number, work: (input: T) => Promise<R>): AsyncGenerator<R> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number of at least 1, got ${concurrency}`);
  const pending = inputs[Symbol.iterator]();
  const window: Promise<R>[] = [];
  const refill = (): void => {
    while (window.length < concurrency) {
      const next = pending.next();
      if (next.done === true) return;
      const running = work(next.value);
      // Marks a later failure as handled while an earlier result is awaited; it is still thrown when its turn comes.
      running.catch(() => undefined);
      window.push(running);
    }
  };
  refill();
  for (let head = window.shift(); head !== undefined; head = window.shift()) {
    const result = await head;
    refill();
    yield result;
  }
}
