// Which failures of a deciding transaction mean "someone else got there first; decide again on the fresh
// state" rather than a fault: our own version check, a unique violation (the same idempotency key or
// ticket number committed by a concurrent transaction: Prisma P2002 or SQLSTATE 23505), a serialization
// failure or deadlock (40001, 40P01), and a transaction that could not start in time (P2028).

export class VersionConflict extends Error {
  constructor(ticketId: string) {
    super(`ticket ${ticketId} changed during the decision`);
    this.name = 'VersionConflict';
  }
}

const RETRYABLE_CODES = new Set(['P2002', 'P2034', '23505', '40001', '40P01']);

export function isRetryableConflict(error: unknown): boolean {
  if (error instanceof VersionConflict) return true;
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
    const original = (e as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } }).meta
      ?.driverAdapterError?.cause?.originalCode;
    if (original && RETRYABLE_CODES.has(original)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
