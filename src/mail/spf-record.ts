import { isIP } from 'node:net';

// The text of one SPF record read by the grammar of RFC 7208 §12 (the ABNF of §4.6.1, §5 and §6). A term the
// grammar does not allow makes check_host() return permerror for every receiver (§4.6), so it is named;
// a modifier the grammar allows but no specification defines is ignored by receivers (§6) and only reported.

export type Qualifier = '+' | '-' | '~' | '?';

export type MechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export interface Mechanism {
  readonly kind: 'mechanism';
  readonly raw: string;
  readonly qualifier: Qualifier;
  readonly name: MechanismName;
  /** The domain-spec (include, exists, a, mx, ptr) or network (ip4, ip6); '' when the term has none. */
  readonly target: string;
}

export interface Modifier {
  readonly kind: 'modifier';
  readonly raw: string;
  readonly name: string;
  readonly value: string;
}

export interface SpfRecord {
  readonly mechanisms: readonly Mechanism[];
  readonly modifiers: readonly Modifier[];
  /** Terms outside the grammar, as written. */
  readonly invalid: readonly string[];
  /** Modifiers no specification defines (RFC 7208 §6: ignored by receivers; often a typo). */
  readonly unknownModifiers: readonly string[];
}

/** RFC 7208 §4.5: an SPF record starts with exactly "v=spf1", followed by a space or nothing. */
export const isSpfRecord = (text: string) => /^v=spf1( |$)/i.test(text);

const DIRECTIVE = /^([+\-~?]?)(all|include|a|mx|ptr|ip4|ip6|exists)((?:[:/].*)?)$/i;
const MODIFIER = /^([a-z][a-z0-9_.-]*)=(.*)$/i;
// macro-expand (RFC 7208 §7.1); the c, r and t letters are for exp only (§7.2), so not allowed here. The
// transformer's digits, when given, MUST be nonzero (§7.3): mailauth rejects %{d0} and so do receivers.
const MACRO = /%\{[slodiphv](?:[1-9]\d*)?r?[.\-+,/_=]*\}|%%|%_|%-/gi;
const ENDS_WITH_MACRO = /%\{[slodiphv](?:[1-9]\d*)?r?[.\-+,/_=]*\}$/i;
// redirect and exp (RFC 7208 §6), and the failure-reporting ra, rp and rr (RFC 6652 §3), all in the IANA
// "Modifier Names" registry: a receiver that does not report ignores the last three, which is no mistake.
const KNOWN_MODIFIERS = new Set(['redirect', 'exp', 'ra', 'rp', 'rr']);
const TOPLABEL = /^(?=.*[a-z])[a-z0-9]+$|^[a-z0-9]+-[a-z0-9-]*[a-z0-9]$/i;

export function parseSpf(text: string): SpfRecord {
  const mechanisms: Mechanism[] = [];
  const modifiers: Modifier[] = [];
  const invalid: string[] = [];
  // §4.6.1: terms are separated by one or more spaces (SP only); a non-ASCII byte is outside the grammar.
  for (const raw of text
    .split(' ')
    .slice(1)
    .filter((term) => term !== '')) {
    const term = parseTerm(raw);
    if (term === null) invalid.push(raw);
    else if (term.kind === 'mechanism') mechanisms.push(term);
    else modifiers.push(term);
  }
  // §6: redirect and exp may each appear once.
  for (const name of ['redirect', 'exp']) {
    const repeated = modifiers.filter((modifier) => modifier.name === name).slice(1);
    invalid.push(...repeated.map((modifier) => modifier.raw));
  }
  const unknownModifiers = modifiers.filter((m) => !KNOWN_MODIFIERS.has(m.name)).map((m) => m.raw);
  return { mechanisms, modifiers, invalid, unknownModifiers };
}

function parseTerm(raw: string): Mechanism | Modifier | null {
  if (/[^\x21-\x7e]/.test(raw)) return null;
  const directive = DIRECTIVE.exec(raw);
  if (directive) {
    const name = directive[2]!.toLowerCase() as MechanismName;
    const target = mechanismTarget(name, directive[3]!);
    if (target === null) return null;
    return { kind: 'mechanism', raw, qualifier: (directive[1] || '+') as Qualifier, name, target };
  }
  const modifier = MODIFIER.exec(raw);
  if (!modifier) return null;
  const name = modifier[1]!.toLowerCase();
  const value = modifier[2]!;
  const valid = name === 'redirect' || name === 'exp' ? isDomainSpec(value) : isMacroString(value);
  return valid ? { kind: 'modifier', raw, name, value } : null;
}

/** The domain-spec or network of a mechanism, '' when it has none, null when the rest is malformed. */
function mechanismTarget(name: MechanismName, rest: string): string | null {
  switch (name) {
    case 'all':
      return rest === '' ? '' : null;
    case 'include':
    case 'exists':
      return rest.startsWith(':') && isDomainSpec(rest.slice(1)) ? rest.slice(1) : null;
    case 'ptr':
      return rest === '' ? '' : rest.startsWith(':') && isDomainSpec(rest.slice(1)) ? rest.slice(1) : null;
    case 'a':
    case 'mx':
      return hostTarget(rest);
    case 'ip4':
      return network(rest, 4, 32);
    case 'ip6':
      return network(rest, 6, 128);
  }
}

// a and mx: [ ":" domain-spec ] [ dual-cidr-length ] (§5.3, §5.4, §5.6). "/" is a macro delimiter and a
// macro-literal (§7.1), so the domain-spec is whatever comes before a trailing CIDR, not what comes before "/".
function hostTarget(rest: string): string | null {
  const match = /^(?::(.*?))?((?:\/\d+)?(?:\/\/\d+)?)$/.exec(rest);
  if (!match) return null;
  const [, spec, cidr = ''] = match;
  if (spec !== undefined && !isDomainSpec(spec)) return null;
  const [, v4 = '', v6 = ''] = /^(?:\/(\d+))?(?:\/\/(\d+))?$/.exec(cidr) ?? [];
  if (!cidrLength(v4, 32) || !cidrLength(v6, 128)) return null;
  return spec ?? '';
}

function network(rest: string, family: 4 | 6, max: number): string | null {
  const match = /^:([^/]+)(?:\/(\d+))?$/.exec(rest);
  if (!match || isIP(match[1]!) !== family || !cidrLength(match[2] ?? '', max)) return null;
  return match[1]!;
}

// ip4-cidr-length and ip6-cidr-length: no leading zeros, at most 32 or 128.
const cidrLength = (digits: string, max: number) =>
  digits === '' || (/^(0|[1-9]\d*)$/.test(digits) && Number(digits) <= max);

function isMacroString(text: string): boolean {
  return !/[%\s]/.test(text.replace(MACRO, ''));
}

/** domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand (§7.1). */
export function isDomainSpec(spec: string): boolean {
  if (spec === '' || !isMacroString(spec)) return false;
  if (ENDS_WITH_MACRO.test(spec)) return true;
  const labels = spec.replace(/\.$/, '').split('.');
  return labels.length >= 2 && TOPLABEL.test(labels.at(-1)!);
}

/**
 * The name a domain-spec names when no mail is at hand (§7.3), or null when it needs the sender, the client's
 * address or its HELO name (%{s}, %{i}, %{h}, …), which only a receiver knows. %{d} is the domain whose record
 * holds the term, so `include:_spf.%{d}` names one known record and its lookups can be counted; %{d2},
 * %{dr} and delimiters transform it as §7.3 says. A name over 253 characters loses labels from the left.
 */
export function domainSpecTarget(spec: string, domain: string): string | null {
  let known = true;
  const expanded = spec.replace(MACRO, (macro) => {
    if (macro === '%%') return '%';
    if (macro === '%_') return ' ';
    if (macro === '%-') return '%20';
    const [, letter, digits, reverse, delimiters] = /^%\{(.)(\d*)(r?)(.*)\}$/i.exec(macro)!;
    if (letter!.toLowerCase() !== 'd') {
      known = false;
      return macro;
    }
    const split = new RegExp(`[${(delimiters || '.').replace(/[-\\\]^]/g, '\\$&')}]`);
    let parts = domain.split(split);
    if (reverse) parts = parts.reverse();
    if (digits) parts = parts.slice(-Number(digits));
    return parts.join('.');
  });
  if (!known) return null;
  let name = expanded;
  while (name.length > 253 && name.includes('.')) name = name.slice(name.indexOf('.') + 1);
  return name;
}
