import type { ImapFlow } from 'imapflow';
import type { Logger } from '../../log.ts';
import { classifyProbeMessage } from './classify-message.ts';
import type { ProbeRef } from './types.ts';

// What earlier probes left in a probe mailbox: an auto-reply or a bounce that came after its probe stopped
// watching (a vacation responder answering an hour later, a 4.4.7 bounce after days in a queue), and the
// copies of a probe whose run died before it could clean up (a restart mid-run). run-probe.ts deletes what
// each probe read; without this sweep the rest would pile up for years and fill the mailbox whose quota
// the circular's 4(f)(i) check reads, until the probes themselves bounce for a full mailbox.
//
// Only messages older than `olderThan` are looked at, so a probe still under way (another replica's, or the
// checklist's beside an investigation) keeps its mail: the caller sets it past the longest a probe waits.
// Each is removed only when classify-message.ts ties it to a mailops probe id or probe Message-ID found in
// it (the delivered copy, a bounce, a reply): a person's mail in the mailbox is never touched.

/** Read of each candidate: a probe's headers, a bounce's status and the returned headers fit well within. */
const READ_BYTES = 256 * 1024;
/** At most this many per sweep, oldest first; the next run takes the rest. */
const SWEEP_LIMIT = 200;

const PROBE_ID = /(?<![A-Za-z0-9_-])mop-[a-z0-9]{10}(?![A-Za-z0-9_-])/gi;
/** compose.ts's newMessageId: `<millis.hex@mailops.domain>`. */
const PROBE_MESSAGE_ID = /<\d{10,}\.[0-9a-f]{12}@mailops\.[^\s<>]+>/gi;

export interface SweepResult {
  /** Messages old enough to be looked at. */
  readonly examined: number;
  readonly removed: number;
}

/** The probes a message names: their ids (Subject, our header) and their Message-IDs (thread headers). */
export function probesNamedIn(raw: string): ProbeRef[] {
  const ids = new Set([...raw.matchAll(PROBE_ID)].map((m) => m[0].toLowerCase()));
  const messageIds = new Set([...raw.matchAll(PROBE_MESSAGE_ID)].map((m) => m[0]));
  return [
    ...[...ids].map((id) => ({ id })),
    // Which id a Message-ID belongs to is not known here; the Message-ID stands for itself.
    ...[...messageIds].map((messageId) => ({ id: messageId, messageId })),
  ];
}

/** Selects INBOX on `client` and removes the leftovers older than `olderThan`. */
export async function sweepLeftovers(
  client: ImapFlow,
  options: { readonly olderThan: Date; readonly mailbox: string; readonly logger?: Logger },
): Promise<SweepResult> {
  await client.mailboxOpen('INBOX');
  // RFC 5032 OLDER when the server has WITHIN (imapflow uses it); otherwise BEFORE, a whole day earlier.
  // Only mail that names a probe (RFC 9051 SEARCH, substrings): its id anywhere (the probe's Subject and
  // header, a bounce's returned headers, a reply's quoted subject), or its Message-ID in a reply's thread
  // headers. A mailbox on a staff list holds far more than a sweep reads, and the same oldest people's mail
  // looked at every time would keep the leftovers out of reach for good. Not "mailops" alone: the probe
  // mailbox's own address may hold it (ujian.mailops@…), and then every message would match.
  const found = await client.search(
    {
      before: options.olderThan,
      or: [
        { text: 'mop-' },
        { header: { 'in-reply-to': '@mailops.' } },
        { header: { references: '@mailops.' } },
      ],
    },
    { uid: true },
  );
  const candidates = (found || []).sort((a, b) => a - b).slice(0, SWEEP_LIMIT);
  if (candidates.length === 0) return { examined: 0, removed: 0 };
  const probeMail: number[] = [];
  for await (const message of client.fetch(
    candidates,
    { uid: true, source: { start: 0, maxLength: READ_BYTES } },
    { uid: true },
  )) {
    if (!message.source) continue;
    const named = probesNamedIn(message.source.toString('latin1'));
    if (named.length === 0) continue;
    const outcome = await classifyProbeMessage(message.source, named);
    if (outcome.kind !== 'unrelated') probeMail.push(message.uid);
  }
  if (probeMail.length === 0) return { examined: candidates.length, removed: 0 };
  const removed = await client.messageDelete(probeMail, { uid: true });
  options.logger?.info('probe mailbox: leftovers of earlier probes removed', {
    mailbox: options.mailbox,
    removed: removed ? probeMail.length : 0,
    examined: candidates.length,
  });
  return { examined: candidates.length, removed: removed ? probeMail.length : 0 };
}
