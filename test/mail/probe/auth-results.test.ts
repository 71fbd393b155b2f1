import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import { describe, expect, it } from 'vitest';
import { authenticateReceived, clientOfCopy } from '../../../src/mail/probe/auth-results.ts';
import { fakeDns } from '../../support/fake-dns.ts';
import { crlf, fixture } from './fixtures.ts';

// The delivered copy as Dovecot stores it: Return-Path and the LMTP hop on top, then the MX's hop from the
// sending server, then the sender's own submission hop on loopback.
const header = () =>
  crlf(`Return-Path: <probe@agency.test>
Received: from mail.outside.test
\tby mail.outside.test with LMTP id yP1aAXrkhWcpAQAAsBLb1g
\t(envelope-from <probe@agency.test>)
\tfor <probe@outside.test>; Wed, 14 Jan 2026 10:00:01 +0800
Received: from mail.agency.test (mail.agency.test [127.0.5.1])
\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))
\tby mail.outside.test (Postfix) with ESMTPS id 4YXbq41Zx2z9sWH
\tfor <probe@outside.test>; Wed, 14 Jan 2026 10:00:00 +0800 (+08)
Received: from [127.0.0.1] (localhost [127.0.0.1])
\tby mail.agency.test (Postfix) with ESMTPSA id 4YXbq40pV3z9sWF
\tfor <probe@outside.test>; Wed, 14 Jan 2026 10:00:00 +0800 (+08)
`);
const message = (from: string) =>
  crlf(`From: ${from}
To: probe@outside.test
Subject: mailops probe mop-5kq2w8rz3h
Date: Wed, 14 Jan 2026 02:00:00 +0000
Message-ID: <1768356000000.7f3e9a@mailops.agency.test>
X-Mailops-Probe: mop-5kq2w8rz3h

This is a delivery test message from mailops.
`);

const keys = generateKeyPairSync('rsa', { modulusLength: 1024 });
const publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

async function signed(from: string, signingDomain: string): Promise<string> {
  const body = message(from);
  // mailauth signs what `signatureData` lists (lib/dkim/dkim-signer.js); its types want the fields on top too.
  const signature = { signingDomain, selector: 'probe2026', privateKey };
  const { signatures } = await dkimSign(body, { ...signature, signatureData: [signature] });
  return header() + signatures + body;
}

// RFC 8463 §4.2: an Ed25519 key record carries the raw 32-byte key, the tail of its SubjectPublicKeyInfo.
const ed = generateKeyPairSync('ed25519');
const edPublicKey = ed.publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
const edPrivateKey = ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** Signed twice, RSA then Ed25519, as RFC 8463 §4 expects while receivers learn the new algorithm. */
async function signedTwice(from: string): Promise<string> {
  const body = message(from);
  const rsa = { signingDomain: 'agency.test', selector: 'probe2026', privateKey };
  const ed25519 = {
    signingDomain: 'agency.test',
    selector: 'ed2026',
    privateKey: edPrivateKey,
    algorithm: 'ed25519-sha256',
  };
  const { signatures } = await dkimSign(body, { ...rsa, signatureData: [rsa, ed25519] });
  return header() + signatures + body;
}

const dns = () =>
  fakeDns({
    'agency.test': { txt: ['v=spf1 ip4:127.0.5.1 -all'] },
    '_dmarc.agency.test': { txt: ['v=DMARC1; p=reject'] },
    'probe2026._domainkey.agency.test': { txt: [`v=DKIM1; k=rsa; p=${publicKey}`] },
    'ed2026._domainkey.agency.test': { txt: [`v=DKIM1; k=ed25519; p=${edPublicKey}`] },
    'probe2026._domainkey.esp.test': { txt: [`v=DKIM1; k=rsa; p=${publicKey}`] },
  });

describe('clientOfCopy', () => {
  it("takes the MX's hop under the LMTP one, and the envelope sender from Return-Path", () => {
    expect(clientOfCopy(header())).toEqual({
      ip: '127.0.5.1',
      helo: 'mail.agency.test',
      mta: 'mail.outside.test',
      sender: 'probe@agency.test',
    });
  });

  it('reads the null sender of a bounce or vacation reply as empty', () => {
    expect(clientOfCopy(fixture('sieve-vacation.eml')).sender).toBe('');
  });

  it("takes the client Exchange Online Protection accepted, past Microsoft's own hops above it", () => {
    expect(clientOfCopy(fixture('m365-outbound-copy.eml'))).toEqual({
      ip: '203.0.113.25',
      helo: 'mail.agensi.gov.my',
      mta: 'SJ5PEPF000001CD.mail.protection.outlook.com',
      sender: 'ujian.mel@agensi.gov.my',
    });
  });

  it("passes over a hop from a private address inside the receiver (RFC 1918) to its Edge server's", () => {
    expect(clientOfCopy(fixture('exchange-2010-inbound.eml'))).toMatchObject({
      ip: '209.85.218.41',
      helo: 'mail-ej1-f41.google.com',
      mta: 'EDGE01.agensi.gov.my',
    });
  });

  it('passes over a unique local IPv6 address (RFC 4193) as a private one', () => {
    const copy = crlf(`Received: from filter1.isp.test ([fd12:3456:789a::25]) by store1.mailhost.test
\twith ESMTPS id 1; Wed, 14 Jan 2026 10:00:01 +0800
Received: from mail.agency.test (mail.agency.test [198.51.100.25])
\tby mx1.isp.test (Postfix) with ESMTPS id 2; Wed, 14 Jan 2026 10:00:00 +0800
`);
    expect(clientOfCopy(copy)).toMatchObject({ ip: '198.51.100.25', mta: 'mx1.isp.test' });
  });

  it('keeps the topmost hop from another host when every hop stays within one organisation', () => {
    const copy = crlf(`Received: from mail.agency.test (mail.agency.test [127.0.5.1])
\tby mail.agency.test (Postfix) with ESMTPS id 4YXbq41Zx2z9sWH; Wed, 14 Jan 2026 10:00:00 +0800
Received: from [127.0.0.1] (localhost [127.0.0.1])
\tby mail.agency.test (Postfix) with ESMTPSA id 4YXbq40pV3z9sWF; Wed, 14 Jan 2026 10:00:00 +0800
`);
    expect(clientOfCopy(copy)).toMatchObject({ ip: '127.0.5.1', helo: 'mail.agency.test' });
  });
});

describe('authenticateReceived', () => {
  it('passes SPF, DKIM and DMARC of a copy signed by the From domain, asking only our DnsClient', async () => {
    const resolver = dns();
    const result = await authenticateReceived(await signed('probe@agency.test', 'agency.test'), {
      dns: resolver,
    });
    expect(result).toEqual({
      spf: { result: 'pass', domain: 'agency.test' },
      dkim: [
        {
          result: 'pass',
          domain: 'agency.test',
          selector: 'probe2026',
          aligned: true,
          keyType: 'rsa',
          keyBits: 1024,
        },
      ],
      dmarc: { result: 'pass', policy: 'reject', domain: 'agency.test' },
    });
    expect(resolver.asked).toContain('txt probe2026._domainkey.agency.test');
  });

  it('reports a signature by another domain as not aligned with From', async () => {
    const result = await authenticateReceived(await signed('probe@agency.test', 'esp.test'), { dns: dns() });
    expect(result.dkim).toEqual([
      {
        result: 'pass',
        domain: 'esp.test',
        selector: 'probe2026',
        aligned: false,
        keyType: 'rsa',
        keyBits: 1024,
      },
    ]);
    // SPF still aligns, so DMARC passes (RFC 7489 §4.2).
    expect(result.dmarc.result).toBe('pass');
  });

  it("follows the DMARC record's adkim=s: a parent's subdomain signs but does not align", async () => {
    const table = (dmarc: string) =>
      fakeDns({
        'agency.test': { txt: ['v=spf1 -all'] },
        '_dmarc.agency.test': { txt: [dmarc] },
        'probe2026._domainkey.mail.agency.test': { txt: [`v=DKIM1; k=rsa; p=${publicKey}`] },
      });
    const copy = await signed('probe@agency.test', 'mail.agency.test');
    const relaxed = await authenticateReceived(copy, { dns: table('v=DMARC1; p=reject') });
    expect(relaxed.dkim[0]).toMatchObject({ result: 'pass', aligned: true });
    expect(relaxed.dmarc.result).toBe('pass');
    const strict = await authenticateReceived(copy, { dns: table('v=DMARC1; p=reject; adkim=s') });
    expect(strict.dkim[0]).toMatchObject({ result: 'pass', aligned: false });
    expect(strict.dmarc.result).toBe('fail');
  });

  it('reads an Ed25519 signature (RFC 8463) as a 256-bit Ed25519 key beside the RSA one', async () => {
    const result = await authenticateReceived(await signedTwice('probe@agency.test'), { dns: dns() });
    expect(result.dkim).toEqual([
      {
        result: 'pass',
        domain: 'agency.test',
        selector: 'probe2026',
        aligned: true,
        keyType: 'rsa',
        keyBits: 1024,
      },
      {
        result: 'pass',
        domain: 'agency.test',
        selector: 'ed2026',
        aligned: true,
        keyType: 'ed25519',
        keyBits: 256,
      },
    ]);
  });

  it("passes SPF and DMARC of a copy stored at Microsoft 365, for the agency's server, not Microsoft's", async () => {
    const table = fakeDns({
      'agensi.gov.my': { txt: ['v=spf1 ip4:203.0.113.25 -all'] },
      '_dmarc.agensi.gov.my': { txt: ['v=DMARC1; p=reject'] },
    });
    const result = await authenticateReceived(crlf(fixture('m365-outbound-copy.eml')), { dns: table });
    expect(result.spf).toEqual({ result: 'pass', domain: 'agensi.gov.my' });
    expect(result.dmarc).toMatchObject({ result: 'pass', domain: 'agensi.gov.my' });
  });

  it('fails SPF from an address the domain does not list, and has no DKIM results without a signature', async () => {
    const moved = (header() + message('probe@agency.test')).replace('[127.0.5.1]', '[127.0.5.7]');
    const result = await authenticateReceived(moved, { dns: dns() });
    expect(result.spf).toEqual({ result: 'fail', domain: 'agency.test' });
    expect(result.dkim).toEqual([]);
    expect(result.dmarc).toMatchObject({ result: 'fail', policy: 'reject' });
  });
});
