import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFinding } from '../../src/mail/describe.ts';
import { checkMtaSts } from '../../src/mail/mta-sts.ts';
import type { Finding } from '../../src/mail/types.ts';
import { type DnsTable, fakeDns } from '../support/fake-dns.ts';
import { expectReadable, verdicts } from './readable.ts';

// The MTA-STS policy fetched from a real HTTPS server on 127.0.0.1, with certificates made here by the
// openssl CLI: one for mta-sts.agensi.gov.my (trusted through the `ca` option) and one for another name.

const HOST = 'mta-sts.agensi.gov.my';
const MX = ['mx1.agensi.gov.my', 'mx2.agensi.gov.my'];
const ENFORCE =
  'version: STSv1\r\nmode: enforce\r\nmx: mx1.agensi.gov.my\r\nmx: *.agensi.gov.my\r\nmax_age: 604800\r\n';

function certificate(
  dir: string,
  name: string,
  file = name,
  ext: string[] = [],
): { key: string; cert: string } {
  const key = join(dir, `${file}.key`);
  const cert = join(dir, `${file}.pem`);
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2']
      .concat(['-keyout', key, '-out', cert, '-subj', `/CN=${name}`, '-addext', `subjectAltName=DNS:${name}`])
      .concat(ext.flatMap((e) => ['-addext', e])),
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let dir: string;
let good: { key: string; cert: string };
let other: { key: string; cert: string };
let clientOnly: { key: string; cert: string };
let handler: Handler;
let seen: { host?: string; url?: string; servername?: string | false | null }[];
const servers: (Server | TcpServer)[] = [];
const sockets = new Set<Socket>();

async function listen(server: Server | TcpServer): Promise<number> {
  servers.push(server);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

let port: number;
let wrongNamePort: number;
let clientOnlyPort: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mta-sts-'));
  good = certificate(dir, HOST);
  const serve: Handler = (req, res) => {
    seen.push({ host: req.headers.host, url: req.url, servername: (req.socket as TLSSocket).servername });
    handler(req, res);
  };
  port = await listen(createServer(good, serve));
  other = certificate(dir, 'lain.agensi.gov.my');
  wrongNamePort = await listen(createServer(other, serve));
  clientOnly = certificate(dir, HOST, 'client-only', ['extendedKeyUsage=clientAuth']);
  clientOnlyPort = await listen(createServer(clientOnly, serve));
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

const TABLE: DnsTable = {
  '_mta-sts.agensi.gov.my': { txt: ['v=STSv1; id=20240601'] },
  [HOST]: { a: ['127.0.0.1'] },
  '_smtp._tls.agensi.gov.my': { txt: ['v=TLSRPTv1; rua=mailto:tls@agensi.gov.my'] },
};

async function run(
  serve: Handler,
  options: { port?: number; ca?: string[] | null; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<Finding[]> {
  handler = serve;
  seen = [];
  const ca = options.ca === null ? undefined : (options.ca ?? [good.cert]);
  const findings = await checkMtaSts(fakeDns(TABLE), 'agensi.gov.my', MX, {
    port: options.port ?? port,
    ca,
    timeoutMs: options.timeoutMs ?? 2_000,
    signal: options.signal,
  });
  expectReadable(findings);
  return findings;
}

const reply =
  (status: number, body = '', headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(body);
  };

describe('fetching the MTA-STS policy', () => {
  it('fetches from the address our DNS gave, sending the host name as SNI and Host', async () => {
    const findings = await run(reply(200, ENFORCE));
    expect(verdicts(findings)).toEqual([
      'mta_sts.record pass',
      'mta_sts.policy pass',
      'mta_sts.mode pass',
      'mta_sts.mx pass mx1.agensi.gov.my',
      'mta_sts.mx pass mx2.agensi.gov.my',
      'tls_rpt.record pass',
    ]);
    expect(seen).toEqual([{ host: HOST, url: '/.well-known/mta-sts.txt', servername: HOST }]);
    expect(findings.find((f) => f.subject === 'mx2.agensi.gov.my')?.params).toEqual({
      host: 'mx2.agensi.gov.my',
      pattern: '*.agensi.gov.my',
    });
  });

  it.each([
    [3600, ['mta_sts.max_age warn']],
    [86400, []],
  ])(
    'warns of a policy that lives %i seconds only when that is under a day (RFC 8461 §3.2)',
    async (age, expected) => {
      const body = `version: STSv1\nmode: enforce\nmx: mx1.agensi.gov.my\nmx: mx2.agensi.gov.my\nmax_age: ${age}\n`;
      const findings = await run(reply(200, body));
      expect(verdicts(findings).filter((v) => v.startsWith('mta_sts.max_age'))).toEqual(expected);
      expect(verdicts(findings)).toContain('mta_sts.mode pass');
    },
  );

  it('fails an MX the enforced policy does not name, and warns in testing mode', async () => {
    const only = (mode: string) => `version: STSv1\nmode: ${mode}\nmx: mx1.agensi.gov.my\nmax_age: 86400\n`;
    expect(verdicts(await run(reply(200, only('enforce'))))).toContain('mta_sts.mx fail mx2.agensi.gov.my');
    const testing = await run(reply(200, only('testing')));
    expect(verdicts(testing)).toContain('mta_sts.mx warn mx2.agensi.gov.my');
    expect(verdicts(testing)).toContain('mta_sts.mode warn');
  });

  it.each([
    [404, 'not found'],
    [500, 'a server error nothing says is temporary'],
    [301, 'a redirect, which RFC 8461 §3.3 forbids following'],
  ])('fails an HTTP %i (%s)', async (status) => {
    const findings = await run(
      reply(status, '', status === 301 ? { location: 'https://lain.example/' } : {}),
    );
    expect(verdicts(findings)).toContain('mta_sts.fetch fail');
    expect(seen).toHaveLength(1);
  });

  it.each([
    [408, 'request timeout'],
    [429, 'rate limited'],
    [502, 'bad gateway'],
    [503, 'overloaded or in maintenance'],
    [504, 'gateway timeout'],
  ])('leaves the policy untested on an HTTP %i (%s), which asks to try again later', async (status) => {
    const findings = await run(reply(status, 'try later', { 'retry-after': '120' }));
    expect(verdicts(findings)).toEqual([
      'mta_sts.record pass',
      'mta_sts.fetch untested',
      'tls_rpt.record pass',
    ]);
    expect(findings[1]?.params).toMatchObject({ status });
  });

  const untyped: Handler = (_req, res) => {
    res.writeHead(200);
    res.end(ENFORCE);
  };
  it.each([
    ['text/html', reply(200, ENFORCE, { 'content-type': 'text/html' }), 'text/html'],
    ['no Content-Type', untyped, '-'],
  ])('fails a policy served with %s, which senders ignore (RFC 8461 §3.2)', async (_type, serve, shown) => {
    const findings = await run(serve);
    expect(verdicts(findings)).toEqual([
      'mta_sts.record pass',
      'mta_sts.media_type fail',
      'tls_rpt.record pass',
    ]);
    expect(findings[1]?.params).toMatchObject({ content_type: shown });
  });

  it('accepts text/plain with a charset parameter', async () => {
    const findings = await run(reply(200, ENFORCE, { 'content-type': 'Text/Plain; charset=utf-8' }));
    expect(verdicts(findings)).toContain('mta_sts.policy pass');
  });

  it('fails a policy without a mode and names the field', async () => {
    const findings = await run(reply(200, 'version: STSv1\nmx: mx1.agensi.gov.my\nmax_age: 86400\n'));
    expect(findings.find((f) => f.check === 'mta_sts.policy')).toMatchObject({
      verdict: 'fail',
      params: { field: 'mode' },
    });
  });

  it('stops reading a policy over 64 KiB and says so, citing the limit RFC 8461 §3.3 suggests', async () => {
    const findings = await run(reply(200, `${ENFORCE}${'#'.repeat(70_000)}\n`));
    expect(verdicts(findings)).toEqual([
      'mta_sts.record pass',
      'mta_sts.policy_size fail',
      'tls_rpt.record pass',
    ]);
    for (const locale of ['ms', 'en'] as const) {
      expect(describeFinding(findings[1]!, locale).text).toContain('64 KiB');
      expect(describeFinding(findings[1]!, locale).text).toContain('RFC 8461 §3.3');
    }
  });

  it('fails a certificate for another name', async () => {
    const findings = await run(reply(200, ENFORCE), { port: wrongNamePort, ca: [good.cert, other.cert] });
    expect(findings.find((f) => f.check === 'mta_sts.certificate')).toMatchObject({
      verdict: 'fail',
      params: { reason: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    });
  });

  it('fails a certificate not issued for a web server, whatever code node gives the verify error', async () => {
    const findings = await run(reply(200, ENFORCE), { port: clientOnlyPort, ca: [clientOnly.cert] });
    expect(findings.find((f) => f.check === 'mta_sts.certificate')).toMatchObject({
      verdict: 'fail',
      params: { reason: 'INVALID_PURPOSE' },
    });
  });

  it('fails a certificate nobody trusts', async () => {
    const findings = await run(reply(200, ENFORCE), { ca: null });
    expect(verdicts(findings)).toContain('mta_sts.certificate fail');
  });

  it('fails a port 443 that does not speak TLS', async () => {
    const plain = await listen(createHttpServer(reply(200, ENFORCE)));
    expect(verdicts(await run(reply(200, ENFORCE), { port: plain }))).toContain('mta_sts.certificate fail');
  });

  it('reports a server that never answers as untested', async () => {
    const silent = await listen(createTcpServer());
    const findings = await run(reply(200, ENFORCE), { port: silent, timeoutMs: 300 });
    const policy = findings.find((f) => f.check === 'mta_sts.policy')!;
    expect(policy).toMatchObject({ verdict: 'untested', params: { reason: 'timeout' } });
    expect(describeFinding(policy, 'en').text).toContain('could not be reached (no answer in time)');
  });

  it('ends a fetch still waiting at once when mailops stops, as untested (stopped)', async () => {
    const silent = await listen(createTcpServer());
    const stopping = new AbortController();
    setTimeout(() => stopping.abort(), 100);
    // A minute's timeout: only the stop can end it within the test's own five seconds.
    const findings = await run(reply(200, ENFORCE), {
      port: silent,
      timeoutMs: 60_000,
      signal: stopping.signal,
    });
    const policy = findings.find((f) => f.check === 'mta_sts.policy')!;
    expect(policy).toMatchObject({ verdict: 'untested', params: { reason: 'stopped' } });
    expect(describeFinding(policy, 'en').text).toContain('mailops was stopped before the test finished');
  });

  it('reports a refused connection as untested', async () => {
    const closed = createTcpServer();
    const unused = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    servers.splice(servers.indexOf(closed), 1);
    const findings = await run(reply(200, ENFORCE), { port: unused });
    const policy = findings.find((f) => f.check === 'mta_sts.policy')!;
    expect(policy).toMatchObject({ verdict: 'untested', params: { reason: 'refused' } });
    expect(describeFinding(policy, 'ms').text).toContain('tidak dapat dicapai (sambungan ditolak)');
  });
});
