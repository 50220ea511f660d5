/** One-at-a-time per key inside this process: each run waits for the previous run of its key. */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const current = previous.then(fn, fn);
    const tail = current.catch(() => undefined);
    this.#tails.set(key, tail);
    try {
      return await current;
    } finally {
      // Drop the entry when nobody queued behind us, so the map does not grow with every user.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
