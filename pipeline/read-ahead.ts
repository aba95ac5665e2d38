/**
 * Pulls up to `capacity` items from `source` ahead of the consumer. The pipeline's analysis is CPU work and its
 * story lookups wait on Elasticsearch: reading ahead lets the next posts be analysed while a batch's lookups
 * are in flight, instead of one waiting for the other.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, capacity: number): AsyncGenerator<T> {
  const queue: T[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  let wakeConsumer: (() => void) | undefined;
  let wakeProducer: (() => void) | undefined;
  let stopped = false;

  const producer = (async () => {
    try {
      for await (const item of source) {
        if (stopped) return;
        queue.push(item);
        wakeConsumer?.();
        if (queue.length >= capacity) await new Promise<void>((resolve) => { wakeProducer = resolve; });
        // Let the consumer run between items even when the source never waits (synchronous analysis).
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      failure = { error };
    } finally {
      done = true;
      wakeConsumer?.();
    }
  })();

  try {
    for (;;) {
      if (queue.length > 0) {
        const item = queue.shift()!;
        if (queue.length < capacity) {
          const resume = wakeProducer;
          wakeProducer = undefined;
          resume?.();
        }
        yield item;
        continue;
      }
      if (failure) throw failure.error;
      if (done) return;
      await new Promise<void>((resolve) => { wakeConsumer = resolve; });
      wakeConsumer = undefined;
    }
  } finally {
    stopped = true;
    wakeProducer?.();
    await producer;
  }
}
