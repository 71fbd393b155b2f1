import { createHash } from 'node:crypto';
import type { Db, Tx } from '../db/types.ts';
import { canonicalJson } from './canonical-json.ts';

// The audit log is append-only and hash-chained (DESIGN.md, "Durable, exactly-once state"): each event's
// hash covers its content and the previous event's hash, so editing, deleting or reordering any row breaks
// every hash after it. The head row is locked FOR UPDATE by each append: concurrent decisions chain one
// after another instead of forking the chain.

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditDraft {
  readonly ticketId: string | null;
  readonly type: string;
  readonly actorId: string;
  readonly at: Date;
  readonly data: Readonly<Record<string, unknown>>;
}

interface ChainedEvent extends AuditDraft {
  readonly seq: bigint;
  readonly prevHash: string;
}

export function hashAuditEvent(event: ChainedEvent): string {
  const body = canonicalJson({
    seq: event.seq,
    ticketId: event.ticketId,
    type: event.type,
    actorId: event.actorId,
    at: event.at,
    data: event.data,
    prevHash: event.prevHash,
  });
  return createHash('sha256').update(body).digest('hex');
}

export async function appendAuditEvent(tx: Tx, draft: AuditDraft): Promise<{ seq: bigint; hash: string }> {
  const heads = await tx.$queryRaw<{ last_seq: bigint; last_hash: string }[]>`
    SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE`;
  const head = heads[0];
  if (!head) throw new Error('audit_head row missing: the init migration seeds it');
  const seq = BigInt(head.last_seq) + 1n;
  const hash = hashAuditEvent({ ...draft, seq, prevHash: head.last_hash });
  await tx.auditEvent.create({
    data: {
      seq,
      ticketId: draft.ticketId,
      type: draft.type,
      actorId: draft.actorId,
      at: draft.at,
      data: draft.data as object,
      prevHash: head.last_hash,
      hash,
    },
  });
  await tx.auditHead.update({ where: { id: 1 }, data: { lastSeq: seq, lastHash: hash } });
  return { seq, hash };
}

export type AuditVerdict =
  | { readonly ok: true; readonly checked: number; readonly headHash: string }
  | {
      readonly ok: false;
      readonly checked: number;
      readonly brokenSeq: bigint;
      readonly reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'gap' | 'head_mismatch';
    };

/** Walks the whole chain in order, in pages, and names the first event that does not verify. */
export async function verifyAuditChain(db: Db, pageSize = 1000): Promise<AuditVerdict> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let checked = 0;
  for (;;) {
    const page = await db.auditEvent.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: 'asc' },
      take: pageSize,
    });
    for (const row of page) {
      if (row.seq !== expectedSeq) return { ok: false, checked, brokenSeq: expectedSeq, reason: 'gap' };
      if (row.prevHash !== prevHash)
        return { ok: false, checked, brokenSeq: row.seq, reason: 'prev_hash_mismatch' };
      const recomputed = hashAuditEvent({
        seq: row.seq,
        ticketId: row.ticketId,
        type: row.type,
        actorId: row.actorId,
        at: row.at,
        data: row.data as Record<string, unknown>,
        prevHash: row.prevHash,
      });
      if (recomputed !== row.hash) return { ok: false, checked, brokenSeq: row.seq, reason: 'hash_mismatch' };
      prevHash = row.hash;
      expectedSeq += 1n;
      checked += 1;
    }
    if (page.length < pageSize) break;
  }
  const head = await db.auditHead.findUnique({ where: { id: 1 } });
  // A deleted tail leaves a consistent prefix; only the head (last seq and hash) shows it.
  if (!head || head.lastHash !== prevHash || head.lastSeq !== expectedSeq - 1n) {
    return { ok: false, checked, brokenSeq: expectedSeq, reason: 'head_mismatch' };
  }
  return { ok: true, checked, headHash: prevHash };
}
