/**
 * Maps `items` through `load` with at most `depth` loads in flight ahead of the consumer, yielding
 * results in input order. Memory stays bounded by `depth` results, whatever the number of items.
 */
export async function* prefetch<T, R>(
  items: readonly T[],
  depth: number,
  load: (item: T, index: number) => Promise<R>,
): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  let next = 0;

  const fill = (): void => {
    while (pending.length < depth && next < items.length) {
      const promise = load(items[next] as T, next);
      // A rejection is observed when the consumer reaches it; this keeps Node from reporting it
      // as unhandled while it waits in the queue.
      promise.catch(() => undefined);
      pending.push(promise);
      next += 1;
    }
  };

  fill();
  while (pending.length > 0) {
    const result = await (pending.shift() as Promise<R>);
    fill();
    yield result;
  }
}
