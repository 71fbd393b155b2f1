import { createPublicKey, type KeyObject } from 'node:crypto';
import { finding, isUnanswered, recordsOf } from './dns-finding.ts';
import { normaliseName } from './resolver.ts';
import type { DnsAnswer, DnsClient, Finding } from './types.ts';

// Pekeliling 4(f)(v) "domain key": a DKIM public key in the DNS (RFC 6376 §3.6). A key lives at
// <selector>._domainkey.<domain> and the selector is chosen by the signer, so it can only be found when it
// is known: configured for the agency, read from a DKIM-Signature of a message it sent, or one of the
// selectors that common services use. Not finding one proves nothing, so it is never a fail.

/**
 * Selectors worth trying when none is known, each with who uses it: selector1/selector2 (Microsoft 365,
 * "Use DKIM for email in your custom domain"), google (Google Workspace, "Set up DKIM"), k1 (Mailchimp and
 * Mandrill), s1/s2 (SendGrid/Twilio automated security), default (cPanel/WHM and Plesk), everlytic
 * (Everlytic), dkim, mail, smtp, mx, key1 (the names administrators give OpenDKIM and Zimbra keys by hand).
 */
export const COMMON_SELECTORS = [
  'default',
  'selector1',
  'selector2',
  'google',
  'k1',
  's1',
  's2',
  'dkim',
  'mail',
  'smtp',
  'mx',
  'key1',
  'everlytic',
] as const;

export interface DkimSelectors {
  /** From the configuration (`mailtest.dkim_selectors`). */
  readonly configured?: readonly string[];
  /** From the s= tag of DKIM-Signature headers of messages the domain sent. */
  readonly learned?: readonly string[];
  /**
   * The selector the domain signs with now: the one most recently seen on its mail, when that was recent.
   * Unlike every other selector, its key is known to be needed, so its absence is a finding of its own.
   */
  readonly signing?: SigningSelector;
}

export interface SigningSelector {
  readonly selector: string;
  /** The day (YYYY-MM-DD) a message signed with it was last seen. */
  readonly seenOn: string;
}

type Key =
  | { readonly kind: 'usable'; readonly type: string; readonly bits: number; readonly testing: boolean }
  | { readonly kind: 'revoked' }
  | { readonly kind: 'invalid'; readonly tag: string }
  | { readonly kind: 'spki_ed25519'; readonly bytes: number };

interface Looked {
  readonly selector: string;
  readonly name: string;
  readonly answer: DnsAnswer<string>;
  /**
   * Only guessed: a common selector, or one learned from older mail. A revoked key there is the clean-up
   * RFC 6376 §3.6.1 asks for (and what a `*._domainkey` wildcard with an empty p= answers for every name),
   * so it is not reported; a selector the agency named or signs with now is.
   */
  readonly guessed: boolean;
}

export async function checkDkim(
  dns: DnsClient,
  domain: string,
  selectors: DkimSelectors = {},
): Promise<Finding[]> {
  const base = normaliseName(domain);
  const tried = selectorsToTry(selectors);
  const signing = selectors.signing && {
    ...selectors.signing,
    selector: cleanSelector(selectors.signing.selector),
  };
  const named = new Set([...(selectors.configured ?? []).map(cleanSelector), signing?.selector]);
  const looked = await Promise.all(
    tried.map(async (selector): Promise<Looked> => {
      const name = `${selector}._domainkey.${base}`;
      return { selector, name, answer: await dns.txt(name), guessed: !named.has(selector) };
    }),
  );
  const perSelector = looked.flatMap((l) =>
    l.selector === signing?.selector ? signingFindings(l, signing.seenOn) : selectorFindings(l),
  );
  const signedWith = signing?.selector;
  return [
    summary(perSelector, tried.length, signedWith),
    ...perSelector,
    ...rsaMissing(perSelector, signedWith),
  ];
}

// RFC 8463 keys are sound, but verifiers that predate it (still common among large receivers) see an Ed25519
// signature as no signature, and their DMARC then rests on SPF alone; RFC 8463 expects signers to add an RSA
// signature beside it. Said only when the domain's mail is seen signed with Ed25519 and no selector tried or
// seen has an RSA key: an RSA key may sit at a selector nobody named, so keys found by guessing prove nothing.
function rsaMissing(perSelector: readonly Finding[], signing: string | undefined): Finding[] {
  const keys = perSelector.filter((f) => f.check === 'dkim.key');
  const ed25519 = keys.filter((f) => f.params.type === 'ed25519');
  const signsWithEd25519 = ed25519.some((f) => f.subject === signing);
  // A selector that got no answer may hold the RSA key: then nothing can be said.
  const unasked = perSelector.some((f) => f.check === 'dkim.lookup');
  if (!signsWithEd25519 || ed25519.length < keys.length || unasked) return [];
  return [
    finding('dkim.rsa_missing', 'warn', { names: ed25519.map((f) => String(f.params.name)).join(', ') }),
  ];
}

const cleanSelector = (selector: string) => selector.trim().toLowerCase();

function selectorsToTry(selectors: DkimSelectors): string[] {
  const all = [
    ...(selectors.signing ? [selectors.signing.selector] : []),
    ...(selectors.configured ?? []),
    ...(selectors.learned ?? []),
    ...COMMON_SELECTORS,
  ];
  // RFC 6376 §3.1: a selector is one or more labels; anything else cannot be asked.
  const valid = all.map(cleanSelector).filter((s) => /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(s));
  return [...new Set(valid)];
}

function selectorFindings({ selector, name, answer, guessed }: Looked): Finding[] {
  // A server blind to the public DNS (public-view.ts) leaves every guess unanswered: the DNS finding says why
  // once, and the summary says no key could be looked for, instead of a row per common selector.
  if (guessed && !answer.ok && answer.failure === 'blind') return [];
  if (isUnanswered(answer))
    return [finding('dkim.lookup', 'untested', { selector, name, failure: answer.failure }, selector)];
  const key = keyOf(answer);
  if (key === null) return [];
  if (key.kind === 'invalid') return [finding('dkim.record', 'fail', { name, tag: key.tag }, selector)];
  if (key.kind === 'spki_ed25519')
    return [finding('dkim.key_form', 'fail', { name, bytes: key.bytes }, selector)];
  if (key.kind === 'revoked') return guessed ? [] : [finding('dkim.revoked', 'warn', { name }, selector)];
  const found = [strength(name, selector, key)];
  if (key.testing) found.push(finding('dkim.testing', 'warn', { name }, selector));
  return found;
}

const keyOf = (answer: DnsAnswer<string>): Key | null => {
  const record = keyRecord(recordsOf(answer));
  return record === null ? null : readKey(parseTags(record));
};

// Any other selector without a key is just not this domain's. The one its mail was signed with lately is:
// without the key, or with it revoked (an empty p=), every signature by it is a PERMFAIL (RFC 6376 §6.1.2),
// and DMARC then rests on SPF alone. A key rotated away is not caught here: the new selector is seen first
// (SigningSelector).
function signingFindings(looked: Looked, seenOn: string): Finding[] {
  const { answer, selector, name } = looked;
  if (isUnanswered(answer)) return selectorFindings(looked);
  const key = keyOf(answer);
  if (key === null) return [finding('dkim.missing', 'fail', { selector, name, seen: seenOn }, selector)];
  if (key.kind === 'revoked')
    return [finding('dkim.revoked', 'fail', { selector, name, seen: seenOn }, selector)];
  return selectorFindings(looked);
}

// RFC 8301 §3.2: signers MUST use RSA keys of at least 1024 bits and SHOULD use 2048; verifiers may refuse
// shorter ones. Ed25519 (RFC 8463) has a fixed 256-bit key, stronger than RSA-2048.
function strength(name: string, selector: string, key: Extract<Key, { kind: 'usable' }>): Finding {
  const params = { name, type: key.type, bits: key.bits };
  if (key.type === 'ed25519' || key.bits >= 2048) return finding('dkim.key', 'pass', params, selector);
  return finding('dkim.key', key.bits >= 1024 ? 'warn' : 'fail', params, selector);
}

const KEY_CHECKS: readonly string[] = ['dkim.key', 'dkim.record', 'dkim.key_form', 'dkim.revoked'];

function summary(perSelector: readonly Finding[], tried: number, signing?: string): Finding {
  const usable = perSelector
    .filter((f) => f.check === 'dkim.key' && f.verdict !== 'fail')
    .map((f) => f.subject!);
  if (usable.length > 0)
    return finding('dkim.selectors', 'pass', { selectors: [...new Set(usable)].join(', ') });
  // Without a usable key anywhere, the selector in use having none is the fail whatever else is published.
  if (perSelector.some((f) => f.subject === signing && f.verdict === 'fail' && f.check !== 'dkim.lookup'))
    return finding('dkim.selectors', 'fail', { tried, selector: signing! });
  const found = perSelector.filter((f) => KEY_CHECKS.includes(f.check)).map((f) => f.subject!);
  if (found.length > 0)
    return finding('dkim.selectors', 'warn', { selectors: [...new Set(found)].join(', ') });
  return finding('dkim.selectors', 'untested', { tried });
}

// A name may hold other TXT records (SPF by mistake, site verification); the key record is the one with a
// p= tag (RFC 6376 §3.6.1: p= is the only required tag), else one that says v=DKIM1 and lacks it.
function keyRecord(texts: readonly string[]): string | null {
  return (
    texts.find((text) => /(^|;)\s*p\s*=/.test(text)) ??
    texts.find((text) => /^\s*v\s*=\s*DKIM1/.test(text)) ??
    null
  );
}

/** RFC 6376 §3.2 tag-list: names are case-sensitive, whitespace around values is ignored. */
function parseTags(record: string): ReadonlyMap<string, string> {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) tags.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return tags;
}

function readKey(tags: ReadonlyMap<string, string>): Key {
  // §3.6.1: v= is optional, but when present it is "DKIM1" and the first tag; an empty p= means revoked.
  const first = tags.keys().next().value;
  if (tags.has('v') && (tags.get('v') !== 'DKIM1' || first !== 'v')) return { kind: 'invalid', tag: 'v' };
  if (!tags.has('p')) return { kind: 'invalid', tag: 'p' };
  const p = tags.get('p')!.replace(/\s+/g, '');
  if (p === '') return { kind: 'revoked' };
  // §3.6.1 s=: verifiers ignore a key whose service list names neither "email" nor "*".
  if (tags.has('s') && !listed(tags.get('s')!, ['email', '*'])) return { kind: 'invalid', tag: 's' };
  // §3.6.1 h= limits the hashes a key signs with; RFC 8301 §3.1: sha1 must not be used, so a key without
  // sha256 there verifies nothing.
  if (tags.has('h') && !listed(tags.get('h')!, ['sha256'])) return { kind: 'invalid', tag: 'h' };
  const type = (tags.get('k') ?? 'rsa').toLowerCase();
  if (type !== 'rsa' && type !== 'ed25519') return { kind: 'invalid', tag: 'k' };
  if (!/^[A-Za-z0-9+/]+=*$/.test(p)) return { kind: 'invalid', tag: 'p' };
  const der = Buffer.from(p, 'base64');
  const key = publicKey(type, der);
  if (key === null || key.asymmetricKeyType !== type) return { kind: 'invalid', tag: 'p' };
  // RFC 8463 §4.2: p= is the bare 32-byte Ed25519 key. The SubjectPublicKeyInfo that `openssl pkey -pubout`
  // prints is a key too, but verifiers that follow the RFC (rspamd, mailauth in strict mode) fail with it.
  if (type === 'ed25519' && der.length !== 32) return { kind: 'spki_ed25519', bytes: der.length };
  const bits = type === 'rsa' ? (key.asymmetricKeyDetails?.modulusLength ?? 0) : 256;
  const testing = (tags.get('t') ?? '').split(':').some((flag) => flag.trim() === 'y');
  return { kind: 'usable', type, bits, testing };
}

/** Whether a colon-separated tag value (s=, h=) lists one of the values wanted. */
const listed = (value: string, wanted: readonly string[]) =>
  value.split(':').some((item) => wanted.includes(item.trim().toLowerCase()));

// RSA keys are published as SubjectPublicKeyInfo (RFC 6376 §3.6.1), sometimes as the bare PKCS#1 key;
// Ed25519 keys as the raw 32 bytes (RFC 8463 §4.2), sometimes wrongly as SubjectPublicKeyInfo (read here so
// that the mistake can be named).
function publicKey(type: string, der: Buffer): KeyObject | null {
  const attempts: (() => KeyObject)[] = [() => createPublicKey({ key: der, format: 'der', type: 'spki' })];
  if (type === 'rsa') attempts.push(() => createPublicKey({ key: der, format: 'der', type: 'pkcs1' }));
  if (type === 'ed25519' && der.length === 32) {
    attempts.unshift(() =>
      createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: der.toString('base64url') }, format: 'jwk' }),
    );
  }
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch {
      // the next form
    }
  }
  return null;
}
