import type { ProbeMailbox, QuotaReport } from './delivery-types.ts';
import { connectImap, readQuotaWith } from './imap-connect.ts';
import type { ConnectDeps } from './probe-deps.ts';

// A probe mailbox's storage quota on its own session (circular 4(f)(i) asks for at least 100 MB per
// mailbox): log in, GETQUOTAROOT INBOX (RFC 9208), log out. A login that fails or times out is a report,
// not an exception; a TLS or connection failure is reported as `error`.

export async function readQuota(mailbox: ProbeMailbox, deps: ConnectDeps): Promise<QuotaReport> {
  const session = await connectImap(mailbox, deps);
  if (!session.ok) {
    const reason = session.failure === 'login' || session.failure === 'timeout' ? session.failure : 'error';
    return { ok: false, mailbox: mailbox.address, reason };
  }
  try {
    return await readQuotaWith(session.client, mailbox.address);
  } finally {
    await session.client.logout().catch(() => session.client.close());
  }
}
