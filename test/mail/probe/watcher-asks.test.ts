import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The two times a probe watcher asks the server instead of waiting to be told (mailbox-watch.ts), against a
// stand-in for an imapflow session: servers that misbehave this way (no IDLE, a connection that died without
// a word) are not in the test world, whose Dovecot always has IDLE and always answers.

interface FakeMessage {
  readonly uid: number;
  readonly seq: number;
  readonly source: Buffer;
}

let inbox: FakeMessage[] = [];
let noopAnswers = true;
const client = Object.assign(new EventEmitter(), {
  capabilities: new Map<string, boolean>(),
  mailboxOpen: async () => ({ uidNext: 1 }),
  noop: () => (noopAnswers ? Promise.resolve() : new Promise<void>(() => {})),
  fetchAll: async () => inbox.map(({ uid, seq }) => ({ uid, seq })),
  fetch: async function* (uids: number[]) {
    for (const m of inbox) if (uids.includes(m.uid)) yield m;
  },
  messageDelete: async () => true,
  logout: async () => {},
  close: () => {},
});

vi.mock('../../../src/mail/probe/imap-connect.ts', () => ({
  connectImap: async () => ({ ok: true, client }),
  readQuotaWith: async () => ({}),
}));

const { openMailboxWatcher } = await import('../../../src/mail/probe/mailbox-watch.ts');

const ID = 'mop-0123456789';
const copy = (uid: number): FakeMessage => ({
  uid,
  seq: uid,
  source: Buffer.from(
    `From: p@outside.test\r\nTo: p@agency.test\r\nSubject: mailops probe ${ID}\r\nX-Mailops-Probe: ${ID}\r\n\r\nprobe\r\n`,
  ),
});

async function watcher() {
  const opened = await openMailboxWatcher({ address: 'p@agency.test', imap: {} } as never, {
    timeoutMs: 200,
  });
  if (!opened.ok) throw new Error('not opened');
  return opened.watcher;
}

beforeEach(() => {
  inbox = [];
  noopAnswers = true;
  client.capabilities = new Map();
  client.removeAllListeners();
});

describe('a probe watcher', () => {
  it('asks a server without IDLE for new mail every few seconds while a probe waits', async () => {
    const w = await watcher();
    const started = Date.now();
    setTimeout(() => inbox.push(copy(1)), 500);
    const found = await w.waitFor({ id: ID }, 20_000, (_raw, o) => o.kind === 'delivered');
    expect(found?.outcome).toMatchObject({ kind: 'delivered', probeId: ID });
    // Seen at the next poll (every 3 s), not at imapflow's NOOP every two minutes nor at the deadline.
    expect(Date.now() - started).toBeLessThan(5_000);
    await w.close();
  });

  it('ends at its deadline when the last look gets no answer from a connection that died silently', async () => {
    client.capabilities = new Map([['IDLE', true]]);
    noopAnswers = false;
    const w = await watcher();
    const started = Date.now();
    expect(await w.waitFor({ id: ID }, 200, () => true)).toBeNull();
    // The deadline and one IMAP wait (timeoutMs 200), not the socket's half hour.
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
