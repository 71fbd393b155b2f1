import type { ProbeMailbox, QuotaReport } from './delivery-types.ts';
import { connectImap, readQuotaWith } from './imap-connect.ts';
import { sweepLeftovers } from './leftovers.ts';
import type { ConnectDeps } from './probe-deps.ts';

// A probe mailbox's storage quota on its own session (circular 4(f)(i) asks for at least 100 MB per
// mailbox): log in, GETQUOTAROOT INBOX (RFC 9208), log out. A login that fails or times out is a report,
// not an exception; a TLS or connection failure is reported as `error`. After a delivery check the same
// session first removes what earlier probes left behind (leftovers.ts), so the quota reads the mailbox as
// it stays.

export interface QuotaOptions {
  /** Remove probe leftovers older than this first; a sweep that fails is logged and the quota still read. */
  readonly removeLeftoversBefore?: Date;
}

export async function readQuota(
  mailbox: ProbeMailbox,
  deps: ConnectDeps,
  options: QuotaOptions = {},
): Promise<QuotaReport> {
  const session = await connectImap(mailbox, deps);
  if (!session.ok) {
    const reason = session.failure === 'login' || session.failure === 'timeout' ? session.failure : 'error';
    return { ok: false, mailbox: mailbox.address, reason };
  }
  try {
    if (options.removeLeftoversBefore) {
      await sweepLeftovers(session.client, {
        olderThan: options.removeLeftoversBefore,
        mailbox: mailbox.address,
        ...(deps.logger ? { logger: deps.logger } : {}),
      }).catch((error: unknown) =>
        deps.logger?.warn('probe mailbox: leftovers not removed', {
          mailbox: mailbox.address,
          error: (error as Error).message,
        }),
      );
    }
    return await readQuotaWith(session.client, mailbox.address);
  } finally {
    await session.client.logout().catch(() => session.client.close());
  }
}
