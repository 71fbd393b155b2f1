// Work started for a person and not finished yet: a click, a form sent, a command's follow-up, a Teams turn.
// A stopping mailops stops taking new work, then waits for this (up to a bound) before it stops the
// dispatcher and closes the database: a click acknowledged just before a restart is decided and its card
// redrawn, not rolled back with an error to the person (DESIGN.md: nothing lost on a restart).

export interface Inflight {
  /** Counts `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves once nothing is running, or after `timeoutMs`; with how many were still running. */
  idle(timeoutMs: number): Promise<number>;
}

export function createInflight(): Inflight {
  const running = new Set<Promise<unknown>>();
  return {
    track(work) {
      running.add(work);
      const settled = () => running.delete(work);
      work.then(settled, settled);
      return work;
    },
    async idle(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      // Work tracked while waiting (a form opened by the click being finished) is waited for too.
      while (running.size > 0 && Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise((resolve) => {
          timer = setTimeout(resolve, deadline - Date.now());
        });
        await Promise.race([Promise.allSettled([...running]), timeout]);
        clearTimeout(timer);
      }
      return running.size;
    },
  };
}
