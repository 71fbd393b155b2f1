import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addressFromReverseName,
  canonicalAddress,
  createDnsClient,
  normaliseName,
  reverseName,
  stoppable,
  withCache,
} from '../../src/mail/resolver.ts';
import type { DnsClient } from '../../src/mail/types.ts';
import { fakeDns } from '../support/fake-dns.ts';

describe('names and addresses', () => {
  it.each([
    ['Agensi.GOV.my.', 'agensi.gov.my'],
    ['Bücher.example', 'xn--bcher-kva.example'],
    ['_dmarc.Agensi.gov.my', '_dmarc.agensi.gov.my'],
    ['4.3.2.1.in-addr.arpa', '4.3.2.1.in-addr.arpa'],
    ['sel._domainkey.München.de', 'sel._domainkey.xn--mnchen-3ya.de'],
  ])('normalises %s to %s', (name, expected) => {
    expect(normaliseName(name)).toBe(expected);
  });

  it.each([
    ['192.0.2.25', '25.2.0.192.in-addr.arpa'],
    ['2001:db8::1', `1.0.0.0.${'0.'.repeat(20)}8.b.d.0.1.0.0.2.ip6.arpa`],
    ['::ffff:192.0.2.1', `1.0.2.0.0.0.0.c.f.f.f.f.${'0.'.repeat(20)}ip6.arpa`],
  ])('asks the PTR of %s at %s', (address, name) => {
    expect(reverseName(address)).toBe(name);
    expect(addressFromReverseName(name)).toBe(canonicalAddress(address));
  });

  it('reads no address from a name that is not a reverse name', () => {
    expect(addressFromReverseName('mail.agensi.gov.my')).toBeNull();
    expect(addressFromReverseName('1.2.3.in-addr.arpa')).toBeNull();
  });

  it('spells one IPv6 address one way', () => {
    expect(canonicalAddress('2001:0DB8:0:0::0001')).toBe(canonicalAddress('2001:db8::1'));
    expect(canonicalAddress('192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('withCache', () => {
  it('asks each question once per run, however it is spelt', async () => {
    const dns = fakeDns({ 'agensi.gov.my': { txt: ['v=spf1 -all'] } });
    const cached = withCache(dns);
    await Promise.all([cached.txt('agensi.gov.my'), cached.txt('Agensi.gov.my.'), cached.a('agensi.gov.my')]);
    expect(dns.asked).toEqual(['txt agensi.gov.my', 'a agensi.gov.my']);
  });
});

// A DNS server on a loopback UDP port that answers from a table, to hold createDnsClient to node's codes.
type Reply = { rcode?: number; answers?: { type: number; data: Buffer }[] } | 'silent';

const TYPES = { A: 1, CNAME: 5, PTR: 12, MX: 15, TXT: 16, AAAA: 28 } as const;

function encodeName(name: string): Buffer {
  const labels = name === '' ? [] : name.split('.');
  return Buffer.concat([
    ...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])),
    Buffer.from([0]),
  ]);
}

const rdata = {
  a: (address: string) => ({ type: TYPES.A, data: Buffer.from(address.split('.').map(Number)) }),
  txt: (...strings: string[]) => ({
    type: TYPES.TXT,
    data: Buffer.concat(strings.map((s) => Buffer.concat([Buffer.from([s.length]), Buffer.from(s)]))),
  }),
  mx: (priority: number, exchange: string) => ({
    type: TYPES.MX,
    data: Buffer.concat([Buffer.from([priority >> 8, priority & 255]), encodeName(exchange)]),
  }),
  ptr: (name: string) => ({ type: TYPES.PTR, data: encodeName(name) }),
};

function parseQuestion(query: Buffer): { name: string; type: number; end: number } {
  const labels: string[] = [];
  let at = 12;
  while (query[at]! > 0) {
    labels.push(query.subarray(at + 1, at + 1 + query[at]!).toString());
    at += query[at]! + 1;
  }
  return { name: labels.join('.').toLowerCase(), type: query.readUInt16BE(at + 1), end: at + 5 };
}

function respond(query: Buffer, reply: Exclude<Reply, 'silent'>, end: number): Buffer {
  const answers = reply.answers ?? [];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2);
  header.writeUInt16BE(0x8180 | (reply.rcode ?? 0), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const records = answers.map(({ type, data }) => {
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0);
    fixed.writeUInt16BE(type, 2);
    fixed.writeUInt16BE(1, 4);
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(data.length, 10);
    return Buffer.concat([fixed, data]);
  });
  return Buffer.concat([header, query.subarray(12, end), ...records]);
}

const ZONE: Record<string, Reply> = {
  'A agensi.gov.my': { answers: [rdata.a('192.0.2.10'), rdata.a('192.0.2.11')] },
  'A hilang.gov.my': { rcode: 3 },
  'A kosong.gov.my': {},
  'A rosak.gov.my': { rcode: 2 },
  'A tolak.gov.my': { rcode: 5 },
  'A senyap.gov.my': 'silent',
  'A xn--bcher-kva.my': { answers: [rdata.a('192.0.2.99')] },
  'TXT agensi.gov.my': { answers: [rdata.txt('v=spf1 ip4:192.0.2.0/24 ', '-all'), rdata.txt('lain')] },
  'MX agensi.gov.my': { answers: [rdata.mx(10, 'MX1.Agensi.gov.my')] },
  'MX tiada-mel.gov.my': { answers: [rdata.mx(0, '')] },
  [`PTR ${reverseName('2001:db8::25')}`]: { answers: [rdata.ptr('mx6.agensi.gov.my')] },
};

let server: Socket;
let dns: DnsClient;
const asked: string[] = [];

beforeAll(async () => {
  server = createSocket('udp4');
  server.on('message', (query, peer) => {
    const question = parseQuestion(query);
    const type = Object.entries(TYPES).find(([, code]) => code === question.type)?.[0];
    asked.push(`${type} ${question.name}`);
    const reply = ZONE[`${type} ${question.name}`] ?? { rcode: 3 };
    if (reply !== 'silent') server.send(respond(query, reply, question.end), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
  dns = createDnsClient({
    servers: [`127.0.0.1:${(server.address() as AddressInfo).port}`],
    timeoutMs: 400,
    tries: 1,
  });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createDnsClient against a DNS server on loopback', () => {
  it('returns the records of an answer', async () => {
    expect(await dns.a('agensi.gov.my')).toEqual({ ok: true, records: ['192.0.2.10', '192.0.2.11'] });
  });

  it.each([
    ['hilang.gov.my', 'nxdomain', 'ENOTFOUND'],
    ['kosong.gov.my', 'nodata', 'ENODATA'],
    ['rosak.gov.my', 'servfail', 'ESERVFAIL'],
    ['tolak.gov.my', 'refused', 'EREFUSED'],
  ])('maps the answer for %s to %s', async (name, failure, code) => {
    expect(await dns.a(name)).toEqual({ ok: false, failure, code });
  });

  it('gives up on a server that never answers within the timeout', async () => {
    const started = Date.now();
    expect(await dns.a('senyap.gov.my')).toMatchObject({ ok: false, failure: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('holds a question to timeoutMs whatever c-ares does', async () => {
    const port = (server.address() as AddressInfo).port;
    const slow = createDnsClient({ servers: [`127.0.0.1:${port}`], timeoutMs: 150, tries: 4 });
    const started = Date.now();
    expect(await slow.a('senyap.gov.my')).toEqual({ ok: false, failure: 'timeout', code: 'ETIMEOUT' });
    expect(Date.now() - started).toBeLessThan(600);
  });

  it('ends a question still waiting, and every later one, as stopped once mailops stops', async () => {
    const port = (server.address() as AddressInfo).port;
    // A minute's timeout: only the stop can end the question within the test's own five seconds.
    const patient = createDnsClient({ servers: [`127.0.0.1:${port}`], timeoutMs: 60_000 });
    const stopping = new AbortController();
    const dns = stoppable(patient, stopping.signal);
    const waiting = dns.a('senyap.gov.my');
    setTimeout(() => stopping.abort(), 50);
    const stopped = { ok: false, failure: 'stopped', code: 'ESTOPPED' };
    expect(await waiting).toEqual(stopped);
    expect(await dns.mx('agensi.gov.my')).toEqual(stopped);
    // Answers that came before the stop are answers.
    const fresh = stoppable(patient, new AbortController().signal);
    expect(await fresh.a('agensi.gov.my')).toEqual({ ok: true, records: ['192.0.2.10', '192.0.2.11'] });
  });

  it('joins the strings of each TXT record (RFC 7208 §3.3)', async () => {
    expect(await dns.txt('agensi.gov.my')).toEqual({
      ok: true,
      records: ['v=spf1 ip4:192.0.2.0/24 -all', 'lain'],
    });
  });

  it('normalises MX exchanges and reads a null MX as an empty exchange', async () => {
    expect(await dns.mx('agensi.gov.my')).toEqual({
      ok: true,
      records: [{ exchange: 'mx1.agensi.gov.my', priority: 10 }],
    });
    expect(await dns.mx('tiada-mel.gov.my')).toEqual({ ok: true, records: [{ exchange: '', priority: 0 }] });
  });

  it('asks the PTR of an IPv6 address under ip6.arpa', async () => {
    expect(await dns.ptr('2001:db8::25')).toEqual({ ok: true, records: ['mx6.agensi.gov.my'] });
  });

  it('asks for an internationalised name in its A-label form', async () => {
    expect(await dns.a('Bücher.MY.')).toEqual({ ok: true, records: ['192.0.2.99'] });
    expect(asked).toContain('A xn--bcher-kva.my');
  });
});
