import { createPublicKey } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { request } from 'node:https';
import { connect, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DNSBL_REASON,
  DNSBL_ZONE,
  ensurePackages,
  GOOD_DOMAIN,
  GOOD_MX,
  HOSTS,
  MAIL_WORLD_PACKAGES,
  type MailWorld,
  MTA_STS_POLICIES,
  MX_NXHOST,
  mtaStsHost,
  NO_DMARC_DOMAIN,
  NXDOMAIN_DOMAIN,
  OPENRELAY_MX,
  OUTSIDE_DOMAIN,
  OVER_LIMIT_INCLUDE,
  type PlantedRecord,
  SERVFAIL_DOMAIN,
  SPF_DEEP_DOMAIN,
  SPF_DEEP_LOOKUPS,
  SPF_VOID_DOMAIN,
  SPF_VOID_NAMES,
  STS_MISSING_MX_DOMAIN,
  startMailWorld,
  WEAK_DKIM_DOMAIN,
  WEAK_DKIM_SELECTOR_512,
  WEAK_DKIM_SELECTOR_1024,
  ZONES,
} from '../support/mail-world/index.ts';
import { SmtpConversation } from '../support/mail-world/smtp-client.ts';

// The real-servers world `/mailtest` is tested against (test/support/mail-world): NSD with the planted zones,
// two real Postfix instances, a silent SMTP server, a silent name server and the MTA-STS host. This checks the
// world itself with node's own DNS, net, tls and https clients, so a failing product test can trust it.

let world: MailWorld;

beforeAll(async () => {
  world = await startMailWorld();
}, 300_000);

afterAll(async () => {
  await world?.close();
});

function resolver(server = world.dns, options: { timeout?: number; tries?: number } = {}) {
  const r = new Resolver({ timeout: options.timeout ?? 2_000, tries: options.tries ?? 1 });
  r.setServers([`${server.host}:${server.port}`]);
  return r;
}

/** What node's resolver says for a question: the answer, or the error code. */
async function ask<T>(question: Promise<T>): Promise<T | string> {
  return question.catch((error: NodeJS.ErrnoException) => error.code ?? String(error));
}

/** The answers of one name and type, in the shape PlantedRecord describes them, sorted. */
async function answers(r: Resolver, name: string, type: PlantedRecord['type']): Promise<string[]> {
  switch (type) {
    case 'A':
      return (await r.resolve4(name)).sort();
    case 'MX':
      return (await r.resolveMx(name)).map((m) => `${m.priority} ${m.exchange}`).sort();
    case 'TXT':
      return (await r.resolveTxt(name)).map((chunks) => chunks.join('')).sort();
    case 'CNAME':
      return (await r.resolveCname(name)).sort();
    case 'PTR':
      return (await r.resolvePtr(name)).sort();
    case 'NS':
      return (await r.resolveNs(name)).sort();
  }
}

function planted(record: PlantedRecord): string {
  switch (record.type) {
    case 'A':
      return record.address;
    case 'MX':
      return `${record.priority} ${record.exchange}`;
    case 'TXT':
      return record.text;
    default:
      return record.target;
  }
}

/** One DNS question over TCP (RFC 7766): the response's RCODE and answer count, or undefined on silence. */
function tcpQuery(port: number, name: string, qtype: number, waitMs = 2_000) {
  const labels = name
    .split('.')
    .map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)]));
  const question = Buffer.concat([...labels, Buffer.from([0, qtype >> 8, qtype & 0xff, 0, 1])]);
  const header = Buffer.from([0x4d, 0x57, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
  const message = Buffer.concat([header, question]);
  const framed = Buffer.concat([Buffer.from([message.length >> 8, message.length & 0xff]), message]);
  return new Promise<{ rcode: number; answers: number } | undefined>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(undefined);
    }, waitMs);
    socket.on('error', reject);
    socket.on('connect', () => socket.write(framed));
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (data.length < 2 || data.length < 2 + data.readUInt16BE(0)) return;
      clearTimeout(timer);
      socket.destroy();
      expect(data.readUInt16BE(2)).toBe(0x4d57);
      resolve({ rcode: data.readUInt16BE(4) & 0x0f, answers: data.readUInt16BE(8) });
    });
  });
}

/** What arrives on a fresh TCP connection to host:port within `waitMs` ('' when nothing does). */
function firstBytes(host: string, port: number, waitMs: number) {
  return new Promise<{ connected: boolean; received: string }>((resolve) => {
    const socket = connect({ host, port });
    let connected = false;
    let received = '';
    socket.on('connect', () => {
      connected = true;
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    setTimeout(() => {
      socket.destroy();
      resolve({ connected, received });
    }, waitMs);
  });
}

function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function fetchPolicy(host: string, options: { servername?: string; path?: string } = {}) {
  return new Promise<{ status: number; body: string; type: string }>((resolve, reject) => {
    const req = request(
      {
        host: world.hosts.mtaSts,
        port: 443,
        path: options.path ?? '/.well-known/mta-sts.txt',
        servername: options.servername ?? host,
        headers: { host },
        ca: world.ca.certPem,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Walks an SPF tree as RFC 7208 §4.6.4 counts: each include, a, mx, ptr, exists and redirect is one lookup. */
async function spfLookups(r: Resolver, domain: string, state = { count: 0, eleventh: '' }) {
  const records = (await r.resolveTxt(domain)).map((c) => c.join('')).filter((t) => t.startsWith('v=spf1 '));
  for (const term of records[0]?.split(' ').slice(1) ?? []) {
    const mechanism = term.replace(/^[+?~-]/, '');
    const [name = '', target] = mechanism.split(/[:=]/);
    if (!['include', 'a', 'mx', 'ptr', 'exists', 'redirect'].includes(name)) continue;
    state.count += 1;
    if (state.count === 11) state.eleventh = target ?? name;
    if ((name === 'include' || name === 'redirect') && target) await spfLookups(r, target, state);
  }
  return state;
}

describe('Mail test world', () => {
  it('has its Debian packages installed (a second ensurePackages installs nothing)', async () => {
    expect(await ensurePackages(MAIL_WORLD_PACKAGES)).toEqual([]);
    expect(
      world.timings.installed.every((name) => (MAIL_WORLD_PACKAGES as readonly string[]).includes(name)),
    ).toBe(true);
  });

  it('answers every planted record, exactly as planted, from NSD over UDP', async () => {
    const r = resolver();
    expect(world.zones.map((z) => z.origin)).toEqual(ZONES);
    const groups = new Map<string, { name: string; type: PlantedRecord['type']; values: string[] }>();
    for (const zone of world.zones) {
      for (const record of zone.records) {
        const key = `${record.name} ${record.type}`;
        const group = groups.get(key) ?? { name: record.name, type: record.type, values: [] };
        group.values.push(planted(record));
        groups.set(key, group);
      }
    }
    expect(groups.size).toBeGreaterThan(90);
    for (const { name, type, values } of groups.values()) {
      expect({ name, type, answers: await answers(r, name, type) }).toEqual({
        name,
        type,
        answers: values.sort(),
      });
    }
  });

  it('answers over TCP as well', async () => {
    expect(await tcpQuery(world.dns.port, GOOD_DOMAIN, 6)).toEqual({ rcode: 0, answers: 1 });
    expect(await tcpQuery(world.dns.port, GOOD_DOMAIN, 15)).toEqual({ rcode: 0, answers: 1 });
  });

  it('gives node the answer each failure mode should produce', async () => {
    const r = resolver();
    expect(await ask(r.resolve4(SERVFAIL_DOMAIN))).toBe('ESERVFAIL');
    expect(await ask(r.resolveMx(SERVFAIL_DOMAIN))).toBe('ESERVFAIL');
    expect(await ask(r.resolve4(NXDOMAIN_DOMAIN))).toBe('ENOTFOUND');
    expect(await ask(r.resolveTxt(`_dmarc.${NO_DMARC_DOMAIN}`))).toBe('ENOTFOUND');
    expect(await ask(r.resolve4(MX_NXHOST))).toBe('ENOTFOUND');
    expect(await ask(r.resolveMx(SPF_VOID_NAMES[2]))).toBe('ENODATA');
    expect(await ask(r.reverse(HOSTS.noPtr))).toBe('ENOTFOUND');
    expect(await ask(r.resolve4('example.com'))).toBe('EREFUSED');
    expect(await ask(r.resolve4(HOSTS.hardened))).toBe('ENOTFOUND'); // the IP-literal MX of mx-ip.test
    expect(await ask(r.reverse(HOSTS.misconfigured))).toEqual(['other.test']);
    expect(await ask(r.resolve4('other.test'))).toBe('ENOTFOUND');
    expect(await ask(r.resolve4(`1.1.0.127.${DNSBL_ZONE}`))).toBe('ENOTFOUND');
    expect(await ask(r.resolveTxt(`2.1.0.127.${DNSBL_ZONE}`))).toEqual([[DNSBL_REASON]]);
  });

  it('has a name server that never answers, over UDP and TCP', async () => {
    const started = Date.now();
    expect(await ask(resolver(world.silentDns, { timeout: 500, tries: 1 }).resolve4(GOOD_DOMAIN))).toBe(
      'ETIMEOUT',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(await tcpQuery(world.silentDns.port, GOOD_DOMAIN, 1, 700)).toBeUndefined();
  });

  it('plants DKIM keys of the sizes the selectors say', async () => {
    const r = resolver();
    const bits = async (name: string) => {
      const [record] = (await r.resolveTxt(name)).map((c) => c.join(''));
      const p = /\bp=([A-Za-z0-9+/=]+)/.exec(record ?? '')?.[1] ?? '';
      return createPublicKey({ key: Buffer.from(p, 'base64'), format: 'der', type: 'spki' })
        .asymmetricKeyDetails?.modulusLength;
    };
    expect(await bits(`sel2048._domainkey.${GOOD_DOMAIN}`)).toBe(2048);
    expect(await bits(`${WEAK_DKIM_SELECTOR_1024}._domainkey.${WEAK_DKIM_DOMAIN}`)).toBe(1024);
    expect(await bits(`${WEAK_DKIM_SELECTOR_512}._domainkey.${WEAK_DKIM_DOMAIN}`)).toBe(512);
    expect(world.dkim.good2048.privateKeyPem).toContain('PRIVATE KEY');
  });

  it('makes spf-deep.test cross the 10-lookup limit at OVER_LIMIT_INCLUDE, and spf-void.test void 3 times', async () => {
    const r = resolver();
    expect(await spfLookups(r, SPF_DEEP_DOMAIN)).toEqual({
      count: SPF_DEEP_LOOKUPS,
      eleventh: OVER_LIMIT_INCLUDE,
    });
    const voids = [
      await ask(r.resolve4(SPF_VOID_NAMES[0])),
      await ask(r.resolve4(SPF_VOID_NAMES[1])),
      await ask(r.resolveMx(SPF_VOID_NAMES[2])),
    ];
    expect(voids).toEqual(['ENOTFOUND', 'ENOTFOUND', 'ENODATA']);
    expect((await r.resolveTxt(SPF_VOID_DOMAIN)).flat().join('')).toContain(`a:${SPF_VOID_NAMES[0]}`);
  });

  it('runs the hardened Postfix: SIZE 10485760, STARTTLS with a certificate the world CA verifies, no relay', async () => {
    const { conversation: smtp, greeting } = await SmtpConversation.open(world.hosts.hardened);
    try {
      expect(greeting.raw).toBe(`220 ${GOOD_MX} ESMTP`);
      const before = await smtp.ehlo('probe.client.test');
      expect(before.reply.lines[0]).toBe(GOOD_MX);
      expect(before.extensions.get('SIZE')).toBe('10485760');
      expect(before.extensions.has('STARTTLS')).toBe(true);
      expect(before.extensions.has('VRFY')).toBe(false);

      const { reply, tls } = await smtp.starttls(GOOD_MX, world.ca.certPem);
      expect(reply.code).toBe(220);
      expect(tls?.authorized).toBe(true);
      expect(['TLSv1.2', 'TLSv1.3']).toContain(tls?.getProtocol());
      expect(smtp.peerCertificate()?.subjectaltname).toBe(`DNS:${GOOD_MX}`);

      const after = await smtp.ehlo('probe.client.test');
      expect(after.extensions.has('STARTTLS')).toBe(false);
      expect((await smtp.command('VRFY postmaster')).code).toBe(502);
      expect((await smtp.command('MAIL FROM:<probe@client.test>')).code).toBe(250);
      for (const outside of [
        `user@${OUTSIDE_DOMAIN}`,
        `user%${OUTSIDE_DOMAIN}@${GOOD_DOMAIN}`,
        `@${GOOD_DOMAIN}:user@${OUTSIDE_DOMAIN}`,
        `"user@${OUTSIDE_DOMAIN}"@${GOOD_DOMAIN}`,
      ]) {
        const rcpt = await smtp.command(`RCPT TO:<${outside}>`);
        expect(rcpt.raw).toMatch(/^554 5\.7\.1 <.+>: Relay access denied$/);
      }
      expect((await smtp.command(`RCPT TO:<postmaster@${GOOD_DOMAIN}>`)).raw).toBe('250 2.1.5 Ok');
      expect((await smtp.command(`RCPT TO:<nobody@${GOOD_DOMAIN}>`)).code).toBe(550);
      expect((await smtp.command('RSET')).code).toBe(250);
    } finally {
      await smtp.quit();
    }
    expect(smtp.sent).not.toContain('DATA');
  });

  it('runs the misconfigured Postfix: no STARTTLS, SIZE 52428800, VRFY, open relay', async () => {
    const { conversation: smtp, greeting } = await SmtpConversation.open(world.hosts.misconfigured);
    try {
      expect(greeting.raw).toBe(`220 ${OPENRELAY_MX} ESMTP`);
      const { extensions } = await smtp.ehlo('probe.client.test');
      expect(extensions.has('STARTTLS')).toBe(false);
      expect(extensions.get('SIZE')).toBe('52428800');
      expect(extensions.has('VRFY')).toBe(true);
      expect((await smtp.command('STARTTLS')).code).toBe(502);
      expect((await smtp.command('VRFY postmaster')).code).toBe(252);
      expect((await smtp.command('MAIL FROM:<probe@client.test>')).code).toBe(250);
      expect((await smtp.command(`RCPT TO:<user@${OUTSIDE_DOMAIN}>`)).raw).toBe('250 2.1.5 Ok');
      expect((await smtp.command('RSET')).code).toBe(250);
    } finally {
      await smtp.quit();
    }
    expect(smtp.sent).not.toContain('DATA');
  });

  it('has an SMTP server that accepts the connection and never speaks', async () => {
    expect(await firstBytes(world.hosts.silent, 25, 1_500)).toEqual({ connected: true, received: '' });
  });

  it('serves the MTA-STS policies over HTTPS with a certificate from the world CA', async () => {
    const good = await fetchPolicy(mtaStsHost(GOOD_DOMAIN));
    expect(good).toEqual({
      status: 200,
      type: 'text/plain',
      body: 'version: STSv1\r\nmode: enforce\r\nmx: mx1.good.test\r\nmax_age: 604800\r\n',
    });
    const missing = await fetchPolicy(mtaStsHost(STS_MISSING_MX_DOMAIN));
    expect(missing.body).toBe(MTA_STS_POLICIES[mtaStsHost(STS_MISSING_MX_DOMAIN)]);
    expect(missing.body).not.toContain(GOOD_MX);
    const unknown = await fetchPolicy('mta-sts.unknown.test', { servername: mtaStsHost(GOOD_DOMAIN) });
    expect(unknown.status).toBe(404);
    await expect(fetchPolicy('mta-sts.unknown.test')).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    expect(world.mtaStsRequests).toContain(`GET https://${mtaStsHost(GOOD_DOMAIN)}/.well-known/mta-sts.txt`);
  });

  it('frees port 25, 443 and the DNS ports on close, and starts again from scratch', async () => {
    const first = world;
    await first.close();
    await first.close(); // idempotent
    expect(existsSync(first.stateDir)).toBe(false);
    for (const [host, port] of [
      [HOSTS.hardened, 25],
      [HOSTS.misconfigured, 25],
      [HOSTS.silent, 25],
      [HOSTS.mtaSts, 443],
      ['127.0.0.1', first.dns.port],
      ['127.0.0.1', first.silentDns.port],
    ] as const) {
      expect({ host, port, free: await canBind(host, port) }).toEqual({ host, port, free: true });
    }
    expect(first.logs()).toContain('stopping the Postfix mail system');

    world = await startMailWorld();
    expect(world.stateDir).not.toBe(first.stateDir);
    // Started again, nothing is installed again: the packages stay.
    expect(world.timings.installed).toEqual([]);
    const { conversation: smtp, greeting } = await SmtpConversation.open(world.hosts.hardened);
    expect(greeting.code).toBe(220);
    await smtp.quit();
    expect(await answers(resolver(), GOOD_DOMAIN, 'MX')).toEqual([`10 ${GOOD_MX}`]);
  });
});
