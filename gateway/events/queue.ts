/**
 * A subscriber's bounded queue, as an async iterator graphql-ws pulls from. A slow
 * subscriber cannot grow memory without bound: past `capacity` the oldest waiting
 * item is dropped, and the next item delivered says how many were (the policy is
 * documented in the README). `return()` (a disconnect or complete) cleans up.
 */

export interface Delivered<T> {
  value: T;
  /** Items dropped for this subscriber since the previous delivery. */
  missed: number;
}

export class BoundedQueue<T> implements AsyncIterableIterator<Delivered<T>> {
  private readonly items: T[] = [];
  private missed = 0;
  private waiting: ((result: IteratorResult<Delivered<T>>) => void) | undefined;
  private done = false;

  constructor(
    private readonly capacity: number,
    private readonly onClose: () => void,
  ) {}

  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: this.take(item), done: false });
      return;
    }
    if (this.items.length >= this.capacity) {
      this.items.shift();
      this.missed++;
    }
    this.items.push(item);
  }

  get size(): number {
    return this.items.length;
  }

  /** Items dropped since the last delivery (told with the next one). */
  get dropped(): number {
    return this.missed;
  }

  next(): Promise<IteratorResult<Delivered<T>>> {
    if (this.items.length) return Promise.resolve({ value: this.take(this.items.shift()!), done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<Delivered<T>>> {
    if (!this.done) {
      this.done = true;
      this.items.length = 0;
      this.missed = 0;
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
      this.onClose();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Delivered<T>> {
    return this;
  }

  private take(value: T): Delivered<T> {
    const missed = this.missed;
    this.missed = 0;
    return { value, missed };
  }
}
