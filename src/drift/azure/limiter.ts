/** Runs a task under a limiter; an urgent task goes before every waiting one. */
export type Limited = <T>(task: () => Promise<T>, urgent?: boolean) => Promise<T>;

/**
 * A concurrency limiter: at most `max` tasks run at once, the others wait in order of arrival,
 * except that an urgent task (the next page of a list already under way: a chain of pages is
 * the slowest path of a fleet read) waits only for other urgent ones. A few lines of our own
 * rather than a dependency.
 */
export function limiter(max: number): Limited {
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`concurrency must be a whole number of at least 1, not ${max}`);
  let active = 0;
  const urgentQueue = new Queue<() => void>();
  const queue = new Queue<() => void>();
  const startNext = () => {
    if (active >= max) return;
    const start = urgentQueue.shift() ?? queue.shift();
    if (!start) return;
    active++;
    start();
  };
  return async <T>(task: () => Promise<T>, urgent = false): Promise<T> => {
    await new Promise<void>((resolve) => {
      (urgent ? urgentQueue : queue).push(resolve);
      startNext();
    });
    try {
      return await task();
    } finally {
      active--;
      startNext();
    }
  };
}

/** A first-in first-out queue whose shift does not move the rest (an array's does). */
class Queue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
