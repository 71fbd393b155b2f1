// The mail domain `bench.test` for `npm run bench:mailtest`, all in this process and on loopback only: a
// table-driven DnsClient that answers after an injected delay, a quick scripted SMTP server and a dead one
// (accepts, never speaks) on the same port of two loopback addresses, and the MTA-STS policy host over HTTPS
// with a certificate from a throw-away CA. Every DNS question, SMTP session and HTTPS connection is recorded
// with its start, end and answer, for the critical-path analysis in critical-path.ts.

import { generateKeyPairSync } from 'node:crypto';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import { POLICY_PATH } from '../../src/mail/mta-sts-fetch.ts';
import { normaliseName } from '../../src/mail/resolver.ts';
import type { DnsAnswer, DnsClient, MxRecord } from '../../src/mail/types.ts';
import { type DnsTable, fakeDns } from '../../test/support/fake-dns.ts';
import { createTestPki } from '../../test/support/fake-smtp.ts';
import type { Operation } from './critical-path.ts';

export const DOMAIN = 'bench.test';
export const DNSBL_ZONES = ['zen.dnsbl.example', 'bl.dnsbl.example', 'b.dnsbl.example'];
export const DKIM_SELECTOR = 'mail2024';
// Addresses of their own, away from the mail world's 127.0.0.x–127.0.2.x; ports are random, never 25.
const FAST_MX = '127.77.0.1';
const DEAD_MX = '127.77.0.2';
const POLICY_ADDRESS = '127.77.0.3';

/** Records what happens during one run; the world writes into the recorder that is current. */
export class Recorder {
  readonly operations: Operation[] = [];
  readonly #origin = performance.now();
  now(): number {
    return performance.now() - this.#origin;
  }
}

export interface BenchWorld {
  readonly dns: DnsClient;
  readonly ports: { readonly smtp: number; readonly mtaSts: number };
  /** The extra CA the probe and the MTA-STS fetch trust. */
  readonly ca: string;
  /** Which MX address never speaks (none with `allAlive`). */
  readonly deadAddress: string | null;
  /** Starts recording into a new recorder (or stops recording with null) and returns it. */
  record(recorder: Recorder | null): Recorder | null;
  /** Until every session the servers accepted has closed (at most a second). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

function dnsTable(dkimKey: string): DnsTable {
  return {
    [DOMAIN]: {
      a: ['192.0.2.80'],
      mx: [
        { exchange: 'mx1.bench.test', priority: 10 },
        { exchange: 'mx2.bench.test', priority: 20 },
      ],
      txt: [
        'v=spf1 mx include:_spf.bench.test include:spf.mailer.example ~all',
        'google-site-verification=3fQe1n0bench',
      ],
    },
    'mx1.bench.test': { a: [FAST_MX] },
    'mx2.bench.test': { a: [DEAD_MX] },
    // The first PTR names the MX host; the second names the hosting company's name for the address, which
    // resolves back to it (forward-confirmed) with one more question, as ISP-hosted servers often do.
    [FAST_MX]: { ptr: ['mx1.bench.test'] },
    [DEAD_MX]: { ptr: ['host-2.hosting.example'] },
    'host-2.hosting.example': { a: [DEAD_MX] },
    '_spf.bench.test': { txt: ['v=spf1 ip4:192.0.2.0/28 include:_spf-a.bench.test -all'] },
    '_spf-a.bench.test': { txt: ['v=spf1 ip4:198.51.100.0/28 include:_spf-b.bench.test -all'] },
    '_spf-b.bench.test': { txt: ['v=spf1 ip6:2001:db8:25::/48 -all'] },
    'spf.mailer.example': { txt: ['v=spf1 a:smtp.mailer.example ip4:203.0.113.0/24 -all'] },
    'smtp.mailer.example': { a: ['203.0.113.25'] },
    '_dmarc.bench.test': {
      txt: ['v=DMARC1; p=reject; sp=reject; rua=mailto:dmarc@bench.test,mailto:agg@dmarc.reports.example'],
    },
    'bench.test._report._dmarc.dmarc.reports.example': { txt: ['v=DMARC1'] },
    [`${DKIM_SELECTOR}._domainkey.bench.test`]: { txt: [`v=DKIM1; k=rsa; p=${dkimKey}`] },
    '_mta-sts.bench.test': { txt: ['v=STSv1; id=20260101000000'] },
    'mta-sts.bench.test': { a: [POLICY_ADDRESS] },
    '_smtp._tls.bench.test': { txt: ['v=TLSRPTv1; rua=mailto:tlsrpt@bench.test'] },
    // The dead MX is listed on one of the three lists, which makes the check ask for the listing's reason.
    [`${reversed(DEAD_MX)}.bl.dnsbl.example`]: {
      a: ['127.0.0.2'],
      txt: ['Listed: seen at a spam trap'],
    },
  };
}

const reversed = (address: string) => address.split('.').reverse().join('.');

const POLICY = 'version: STSv1\nmode: enforce\nmx: mx1.bench.test\nmx: *.bench.test\nmax_age: 604800\n';

export async function startBenchWorld(options: {
  readonly delayMs: number;
  readonly allAlive?: boolean;
}): Promise<BenchWorld> {
  let recorder: Recorder | null = null;
  const track = (kind: string, name: string) => {
    const current = recorder;
    if (!current) return (_answer: readonly string[]) => {};
    const start = current.now();
    return (answer: readonly string[]) =>
      current.operations.push({ kind, name, start, end: current.now(), answer });
  };

  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dkimKey = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const table = fakeDns(dnsTable(dkimKey), { delayMs: options.delayMs });
  const asked =
    <T>(kind: keyof DnsClient, text: (record: T) => string) =>
    async (name: string): Promise<DnsAnswer<T>> => {
      const done = track(kind, kind === 'ptr' ? name : normaliseName(name));
      const answer = (await table[kind](name)) as DnsAnswer<T>;
      done(answer.ok ? answer.records.map(text) : []);
      return answer;
    };
  const same = (record: string) => record;
  const dns: DnsClient = {
    a: asked('a', same),
    aaaa: asked('aaaa', same),
    mx: asked('mx', (record: MxRecord) => record.exchange),
    txt: asked('txt', same),
    cname: asked('cname', same),
    ptr: asked('ptr', same),
  };

  const sockets = new Set<Socket>();
  const session = (socket: Socket, kind: string) => {
    sockets.add(socket);
    const done = track(kind, socket.localAddress ?? '?');
    socket.on('error', () => {});
    socket.once('close', () => {
      sockets.delete(socket);
      done([]);
    });
  };
  const fast = createServer((socket) => {
    session(socket, 'smtp');
    serveSmtp(socket, 'mx1.bench.test');
  });
  const second = createServer((socket) => {
    session(socket, 'smtp');
    if (options.allAlive) serveSmtp(socket, 'host-2.hosting.example');
    else socket.resume(); // accepts and reads, never says a word
  });
  const smtpPort = await listenPair(fast, FAST_MX, second, DEAD_MX);

  const pki = createTestPki();
  const now = Date.now();
  const leaf = pki.issue({
    names: ['mta-sts.bench.test'],
    from: new Date(now - 86_400_000),
    to: new Date(now + 30 * 86_400_000),
  });
  const policy = createHttpsServer({ key: leaf.key, cert: leaf.cert }, (req, res) => {
    if (req.url !== POLICY_PATH) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(POLICY);
  });
  policy.on('connection', (socket: Socket) => session(socket, 'https'));
  await listen(policy, 0, POLICY_ADDRESS);

  return {
    dns,
    ports: { smtp: smtpPort, mtaSts: (policy.address() as { port: number }).port },
    ca: pki.ca,
    deadAddress: options.allAlive ? null : DEAD_MX,
    record(next) {
      recorder = next;
      return next;
    },
    async idle() {
      for (let waited = 0; sockets.size > 0 && waited < 1000; waited += 5)
        await new Promise((resolve) => setTimeout(resolve, 5));
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([fast, second, policy].map((s) => new Promise((resolve) => s.close(resolve))));
      pki.dispose();
    },
  };
}

const SMTP_REPLIES: Readonly<Record<string, (name: string) => readonly string[]>> = {
  EHLO: (name) => [
    `250-${name}`,
    '250-PIPELINING',
    '250-SIZE 10485760',
    '250-ENHANCEDSTATUSCODES',
    '250 8BITMIME',
  ],
  HELO: (name) => [`250 ${name}`],
  MAIL: () => ['250 2.1.0 Ok'],
  RCPT: () => ['554 5.7.1 Relay access denied'],
  RSET: () => ['250 2.0.0 Ok'],
  VRFY: () => ['502 5.5.1 VRFY command is disabled'],
  QUIT: () => ['221 2.0.0 Bye'],
};

/** A quick, well-behaved MX: EHLO with SIZE, no STARTTLS, every relay attempt refused with 554. */
function serveSmtp(socket: Socket, name: string): void {
  let pending = '';
  const send = (lines: readonly string[]) => socket.write(lines.map((line) => `${line}\r\n`).join(''));
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    pending += chunk;
    for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
      const verb = pending.slice(0, end).split(/[ :]/)[0]!.toUpperCase();
      pending = pending.slice(end + 2);
      send(SMTP_REPLIES[verb]?.(name) ?? ['502 5.5.2 Error: command not recognized']);
      if (verb === 'QUIT') socket.end();
    }
  });
  send([`220 ${name} ESMTP bench`]);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
}

/** Both servers on one port (runMailtest has one SMTP port for every MX address): a free one on both. */
async function listenPair(a: Server, hostA: string, b: Server, hostB: string): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    await listen(a, 0, hostA);
    const { port } = a.address() as { port: number };
    try {
      await listen(b, port, hostB);
      return port;
    } catch {
      await new Promise((resolve) => a.close(resolve));
    }
  }
  throw new Error(`no port free on both ${hostA} and ${hostB}`);
}
