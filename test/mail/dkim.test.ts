import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COMMON_SELECTORS, checkDkim } from '../../src/mail/dkim.ts';
import type { DnsFailure } from '../../src/mail/types.ts';
import { type DnsTable, fakeDns } from '../support/fake-dns.ts';
import { expectReadable, UNANSWERED, verdicts } from './readable.ts';

function rsaKey(bits: number, type: 'spki' | 'pkcs1' = 'spki'): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return publicKey.export({ format: 'der', type }).toString('base64');
}

// RFC 8463 §4.2: the Ed25519 p= is the bare 32-byte key, the last 32 bytes of its SubjectPublicKeyInfo.
function ed25519Key(): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
}

const RSA_2048 = rsaKey(2048);
const at = (selector: string, txt: readonly string[] | DnsFailure): DnsTable => ({
  [`${selector}._domainkey.agensi.gov.my`]: { txt },
});

async function run(table: DnsTable, selectors = {}) {
  const findings = await checkDkim(fakeDns(table), 'agensi.gov.my', selectors);
  expectReadable(findings);
  return findings;
}

describe('checkDkim', () => {
  it('asks for an RSA key beside Ed25519 only when its mail is signed with Ed25519 and no selector has one', async () => {
    const ed = `v=DKIM1; k=ed25519; p=${ed25519Key()}`;
    const signing = { signing: { selector: 'ed', seenOn: '2026-11-29' } };
    const alone = await run(at('ed', [ed]), signing);
    expect(alone.find((f) => f.check === 'dkim.rsa_missing')?.params).toEqual({
      names: 'ed._domainkey.agensi.gov.my',
    });
    const dual = await run({ ...at('ed', [ed]), ...at('selector1', [`v=DKIM1; p=${RSA_2048}`]) }, signing);
    expect(dual.map((f) => f.check)).not.toContain('dkim.rsa_missing');
    const unanswered = await run({ ...at('ed', [ed]), ...at('selector1', 'timeout') }, signing);
    expect(unanswered.map((f) => f.check)).not.toContain('dkim.rsa_missing');
  });

  it('says nothing of RSA when only a named or guessed selector has Ed25519: RSA may sit at one nobody named', async () => {
    const ed = `v=DKIM1; k=ed25519; p=${ed25519Key()}`;
    const configured = await run(at('ed', [ed]), { configured: ['ed'] });
    expect(verdicts(configured)).toEqual(['dkim.selectors pass', 'dkim.key pass ed']);
    const learnedRsa = await run(
      { ...at('ed', [ed]), ...at('lama', [`v=DKIM1; p=${RSA_2048}`]) },
      { learned: ['lama'], signing: { selector: 'ed', seenOn: '2026-11-29' } },
    );
    expect(learnedRsa.map((f) => f.check)).not.toContain('dkim.rsa_missing');
  });

  it('passes a 2048-bit RSA key at a common selector', async () => {
    const findings = await run(at('selector1', [`v=DKIM1; k=rsa; p=${RSA_2048}`]));
    expect(verdicts(findings)).toEqual(['dkim.selectors pass', 'dkim.key pass selector1']);
    expect(findings[1]?.params).toEqual({
      name: 'selector1._domainkey.agensi.gov.my',
      type: 'rsa',
      bits: 2048,
    });
  });

  it('asks every selector at once: configured, learned and the common ones, each once', async () => {
    const dns = fakeDns({}, { delayMs: 5 });
    await checkDkim(dns, 'agensi.gov.my', { configured: ['Mel2024', 'selector1'], learned: ['s2048'] });
    expect(dns.asked.slice(0, 3)).toEqual([
      'txt mel2024._domainkey.agensi.gov.my',
      'txt selector1._domainkey.agensi.gov.my',
      'txt s2048._domainkey.agensi.gov.my',
    ]);
    expect(dns.asked).toHaveLength(2 + COMMON_SELECTORS.length);
    expect(dns.peak()).toBe(dns.asked.length);
  });

  it('never fails a domain where no selector is found: no selector is known', async () => {
    const findings = await run({});
    expect(verdicts(findings)).toEqual(['dkim.selectors untested']);
    expect(findings[0]?.params).toEqual({ tried: COMMON_SELECTORS.length });
  });

  it.each([
    [
      'a 1024-bit key (RFC 8301: 2048 recommended)',
      `v=DKIM1; p=${rsaKey(1024)}`,
      ['dkim.selectors pass', 'dkim.key warn mel'],
    ],
    [
      'a 512-bit key (under the RFC 8301 minimum)',
      `v=DKIM1; p=${rsaKey(512)}`,
      ['dkim.selectors warn', 'dkim.key fail mel'],
    ],
    [
      'an Ed25519 key at a configured selector (RFC 8463): sound, and an RSA key may be at a selector not named',
      `v=DKIM1; k=ed25519; p=${ed25519Key()}`,
      ['dkim.selectors pass', 'dkim.key pass mel'],
    ],
    [
      'an Ed25519 key published as SubjectPublicKeyInfo (RFC 8463 §4.2 wants the bare key)',
      `v=DKIM1; k=ed25519; p=${generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`,
      ['dkim.selectors warn', 'dkim.key_form fail mel'],
    ],
    ['a key published as PKCS#1', `p=${rsaKey(2048, 'pkcs1')}`, ['dkim.selectors pass', 'dkim.key pass mel']],
    [
      'a key split by spaces',
      `v=DKIM1; p=${RSA_2048.slice(0, 100)} ${RSA_2048.slice(100)}`,
      ['dkim.selectors pass', 'dkim.key pass mel'],
    ],
    ['a revoked key (empty p=)', 'v=DKIM1; p=', ['dkim.selectors warn', 'dkim.revoked warn mel']],
    [
      'a key in testing mode',
      `v=DKIM1; t=y; p=${RSA_2048}`,
      ['dkim.selectors pass', 'dkim.key pass mel', 'dkim.testing warn mel'],
    ],
    ['a record without p=', 'v=DKIM1; k=rsa', ['dkim.selectors warn', 'dkim.record fail mel']],
    [
      'a v= tag that is not the first tag (RFC 6376 §3.6.1)',
      `k=rsa; v=DKIM1; p=${RSA_2048}`,
      ['dkim.selectors warn', 'dkim.record fail mel'],
    ],
    [
      'a key limited to SHA-1 (RFC 8301 §3.1)',
      `v=DKIM1; h=sha1; p=${RSA_2048}`,
      ['dkim.selectors warn', 'dkim.record fail mel'],
    ],
    [
      'a key allowing SHA-256 among others',
      `v=DKIM1; h=sha1:sha256; p=${RSA_2048}`,
      ['dkim.selectors pass', 'dkim.key pass mel'],
    ],
    [
      'a key for another service than email (RFC 6376 §3.6.1 s=)',
      `v=DKIM1; s=tlsrpt; p=${RSA_2048}`,
      ['dkim.selectors warn', 'dkim.record fail mel'],
    ],
    [
      'a key for email among other services',
      `v=DKIM1; s=tlsrpt:email; p=${RSA_2048}`,
      ['dkim.selectors pass', 'dkim.key pass mel'],
    ],
    ['a wrong version', `v=DKIM2; p=${RSA_2048}`, ['dkim.selectors warn', 'dkim.record fail mel']],
    ['an unknown key type', `v=DKIM1; k=dsa; p=${RSA_2048}`, ['dkim.selectors warn', 'dkim.record fail mel']],
    ['a key that is not a key', 'v=DKIM1; p=bm90IGEga2V5', ['dkim.selectors warn', 'dkim.record fail mel']],
  ])('judges %s', async (_name, text, expected) => {
    expect(verdicts(await run(at('mel', [text]), { configured: ['mel'] }))).toEqual(expected);
  });

  it('names the size of an Ed25519 key published as SubjectPublicKeyInfo', async () => {
    const spki = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
    const findings = await run(at('mel', [`v=DKIM1; k=ed25519; p=${spki.toString('base64')}`]), {
      configured: ['mel'],
    });
    expect(findings[1]?.params).toEqual({ name: 'mel._domainkey.agensi.gov.my', bytes: 44 });
  });

  describe('a revoked key (empty p=) at a selector only guessed', () => {
    // `*._domainkey.<domain> TXT "v=DKIM1; p="` (M3AAWG's advice for domains that send no signed mail, and
    // the clean-up after a move) answers every common selector: that is no finding about the agency.
    const wildcard = (keys: DnsTable = {}): DnsTable => ({
      ...Object.fromEntries(
        COMMON_SELECTORS.map((s) => [`${s}._domainkey.agensi.gov.my`, { txt: ['v=DKIM1; p='] }]),
      ),
      ...keys,
    });

    it('is not reported next to the key the domain uses', async () => {
      const findings = await run(wildcard(at('selector1', [`v=DKIM1; p=${RSA_2048}`])));
      expect(verdicts(findings)).toEqual(['dkim.selectors pass', 'dkim.key pass selector1']);
    });

    it('leaves the domain could-not-test when its real selector is unknown', async () => {
      expect(verdicts(await run(wildcard()))).toEqual(['dkim.selectors untested']);
    });

    it('is not reported for a selector learned from older mail', async () => {
      const findings = await run(
        { ...at('mel2025', ['v=DKIM1; p=']), ...at('mel2026', [`p=${RSA_2048}`]) },
        { learned: ['mel2025'], signing: { selector: 'mel2026', seenOn: '2026-11-27' } },
      );
      expect(verdicts(findings)).toEqual(['dkim.selectors pass', 'dkim.key pass mel2026']);
    });

    it('is still reported at a selector the agency configured', async () => {
      const findings = await run(wildcard(), { configured: ['default'] });
      expect(verdicts(findings)).toEqual(['dkim.selectors warn', 'dkim.revoked warn default']);
    });
  });

  it('names the faulty tag', async () => {
    const findings = await run(at('mel', ['v=DKIM1; k=dsa; p=AAAA']), { configured: ['mel'] });
    expect(findings[1]?.params).toEqual({ name: 'mel._domainkey.agensi.gov.my', tag: 'k' });
  });

  it.each([
    ['v', `p=${RSA_2048}; v=DKIM1`],
    ['h', `v=DKIM1; h=sha1; p=${RSA_2048}`],
    ['s', `v=DKIM1; s=tlsrpt; p=${RSA_2048}`],
  ])('names the %s tag that makes a key unusable', async (tag, text) => {
    const findings = await run(at('mel', [text]), { configured: ['mel'] });
    expect(findings[1]?.params).toEqual({ name: 'mel._domainkey.agensi.gov.my', tag });
  });

  it('ignores other TXT records at the selector name', async () => {
    const findings = await run(at('mel', ['v=spf1 -all', `v=DKIM1; p=${RSA_2048}`]), { configured: ['mel'] });
    expect(verdicts(findings)).toEqual(['dkim.selectors pass', 'dkim.key pass mel']);
  });

  it.each(UNANSWERED)(
    'reports a selector whose lookup got %s as untested, never as fail',
    async (failure) => {
      const findings = await run(at('mel', failure as DnsFailure), { configured: ['mel'] });
      expect(verdicts(findings)).toEqual(['dkim.selectors untested', 'dkim.lookup untested mel']);
    },
  );

  it('still passes when one selector times out and another has a key', async () => {
    const findings = await run(
      { ...at('mel', 'timeout'), ...at('google', [`p=${RSA_2048}`]) },
      { configured: ['mel'] },
    );
    expect(verdicts(findings)).toEqual([
      'dkim.selectors pass',
      'dkim.lookup untested mel',
      'dkim.key pass google',
    ]);
  });

  describe('the selector the domain signs with (seen on its mail lately)', () => {
    const signing = { selector: 'Mel2026', seenOn: '2026-11-27' };

    it.each([
      ['NXDOMAIN', 'nxdomain' as DnsFailure],
      ['NODATA', 'nodata' as DnsFailure],
      ['only other TXT records', ['v=spf1 -all']],
    ])('fails it when its name has %s: every signature by it is a PERMFAIL', async (_name, txt) => {
      const findings = await run(at('mel2026', txt), { learned: ['Mel2026', 'old'], signing });
      expect(verdicts(findings)).toEqual(['dkim.selectors fail', 'dkim.missing fail mel2026']);
      expect(findings[0]?.params).toEqual({ tried: 2 + COMMON_SELECTORS.length, selector: 'mel2026' });
      expect(findings[1]?.params).toEqual({
        selector: 'mel2026',
        name: 'mel2026._domainkey.agensi.gov.my',
        seen: '2026-11-27',
      });
    });

    it('fails it even when another selector has a usable key', async () => {
      const findings = await run(
        { ...at('mel2026', 'nxdomain'), ...at('google', [`p=${RSA_2048}`]) },
        { signing },
      );
      expect(verdicts(findings)).toEqual([
        'dkim.selectors pass',
        'dkim.missing fail mel2026',
        'dkim.key pass google',
      ]);
    });

    it('fails it when its key is revoked: as broken as a missing one (RFC 6376 §6.1.2)', async () => {
      const findings = await run(at('mel2026', ['v=DKIM1; k=rsa; p=']), { signing });
      expect(verdicts(findings)).toEqual(['dkim.selectors fail', 'dkim.revoked fail mel2026']);
      expect(findings[1]?.params).toEqual({
        selector: 'mel2026',
        name: 'mel2026._domainkey.agensi.gov.my',
        seen: '2026-11-27',
      });
    });

    it('fails the domain when its key is unusable, whatever other records are published', async () => {
      const findings = await run(
        { ...at('mel2026', [`v=DKIM1; p=${rsaKey(512)}`]), ...at('default', ['v=DKIM1; k=dsa; p=AAAA']) },
        { signing, configured: ['default'] },
      );
      expect(verdicts(findings)).toEqual([
        'dkim.selectors fail',
        'dkim.key fail mel2026',
        'dkim.record fail default',
      ]);
    });

    it.each(UNANSWERED)('reports its lookup that got %s as untested, never as fail', async (failure) => {
      const findings = await run(at('mel2026', failure as DnsFailure), { signing });
      expect(verdicts(findings)).toEqual(['dkim.selectors untested', 'dkim.lookup untested mel2026']);
    });

    it('judges its key like any other when there is one', async () => {
      const findings = await run(at('mel2026', [`v=DKIM1; p=${rsaKey(1024)}`]), { signing });
      expect(verdicts(findings)).toEqual(['dkim.selectors pass', 'dkim.key warn mel2026']);
    });

    it('leaves an older learned selector without a key alone: it may have been rotated away', async () => {
      const findings = await run(
        { ...at('mel2026', [`p=${RSA_2048}`]), ...at('mel2025', 'nxdomain') },
        { learned: ['mel2025', 'mel2026'], signing },
      );
      expect(verdicts(findings)).toEqual(['dkim.selectors pass', 'dkim.key pass mel2026']);
    });
  });

  it('asks for an internationalised domain in its A-label form', async () => {
    const dns = fakeDns({ 'default._domainkey.xn--bcher-kva.my': { txt: [`p=${RSA_2048}`] } });
    expect(verdicts(await checkDkim(dns, 'Bücher.my'))).toEqual([
      'dkim.selectors pass',
      'dkim.key pass default',
    ]);
  });
});
