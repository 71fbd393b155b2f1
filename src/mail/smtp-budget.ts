// How long one address's SMTP probe may take over all its sessions (smtp-probe.ts), and the stop that ends it
// sooner: the client (smtp-client.ts) holds every wait to both.

/**
 * No wait goes past `endsAt` (a `performance.now()` reading); `ms` names the budget in a timeout's detail.
 * Once `signal` is aborted (Ctrl-C, a shutdown) every wait, QUIT's included, ends at once as `stopped`.
 */
export interface ProbeBudget {
  readonly endsAt: number;
  readonly ms: number;
  readonly signal?: AbortSignal;
}

/** A budget of `ms` from now (unbounded when `ms` is), cut short when `signal` aborts. */
export const probeBudget = (ms: number, signal?: AbortSignal): ProbeBudget => ({
  endsAt: performance.now() + ms,
  ms,
  ...(signal && { signal }),
});
