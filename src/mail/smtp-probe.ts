// The SMTP part of `/mailtest`: one session with one MX address on port 25, judged against the circular's
// paragraph 4(f) (size limit, registered MTA, no open relay) and the provider's good practice on mail in
// transit. It never sends DATA. Anything the session could not establish (a timeout, a refused or reset
// connection, a 4xx) is `untested`, never `fail`: a wrong verdict is worse than none.

import { type Clock, systemClock } from '../time.ts';
import { organisationalDomain } from './dmarc.ts';
import { type ProbeBudget, probeBudget } from './smtp-budget.ts';
import {
  DEFAULT_SMTP_TIMEOUTS,
  formatReply,
  type Greeting,
  greetingName,
  parseGreeting,
  SmtpClient,
  type SmtpReply,
  type SmtpTimeouts,
  type TlsSession,
} from './smtp-client.ts';
import { aboutTheMailbox, checkRelay, probedDomain, unknownLocal } from './smtp-relay.ts';
import { type Params, refusalUntested, replyUntested, type Step, type Untested } from './smtp-step.ts';
import type { Finding, Requirement, Verdict } from './types.ts';

export interface SmtpProbeOptions {
  readonly address: string;
  /** The MX host name: TLS server name, source-route hop and, without `domain`, the mail domain's base. */
  readonly host: string;
  /** The agency's mail domain, for relay tricks aimed at a local domain; defaults to the MX host's parent. */
  readonly domain?: string;
  /** PTR names of `address` from the DNS checks; undefined when they could not be looked up. */
  readonly ptrNames?: readonly string[];
  readonly heloName: string;
  readonly outsideSender: string;
  readonly outsideRecipient: string;
  /** Trust anchors (PEM) added to the system's, e.g. the test bed's CA. */
  readonly ca?: string | readonly string[];
  /** 25 in production (RFC 5321 §4.5.4.2: servers listen on the SMTP port, 25); tests pass a random port. */
  readonly port?: number;
  /** Where to connect from; unset in production. A test bed sets a loopback address outside `mynetworks`. */
  readonly localAddress?: string;
  readonly timeouts?: Partial<SmtpTimeouts>;
  /** The longest the whole probe of this address may take, over both its sessions; unset, no bound. */
  readonly budgetMs?: number;
  /** mailops is stopping (Ctrl-C, a shutdown): the probe ends at once, what it had not judged is `stopped`. */
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
}

/**
 * Which requirement each check serves. VRFY is in neither the circular nor the good practice by name; it is
 * filed under gp-transport because a harvested address list feeds the spam the good practice guards against.
 */
const REQUIREMENT = {
  'smtp.connect': '4f-v',
  'smtp.banner_name': '4f-v',
  'smtp.starttls': 'gp-transport',
  'smtp.tls_version': 'gp-transport',
  'smtp.tls_certificate': 'gp-transport',
  'smtp.size': '4f-iii',
  'smtp.relay': '4f-vi',
  'smtp.vrfy': 'gp-transport',
} as const satisfies Record<string, Requirement>;

export type SmtpCheck = keyof typeof REQUIREMENT;
export const SMTP_CHECKS = Object.keys(REQUIREMENT) as SmtpCheck[];
const TLS_CHECKS: readonly SmtpCheck[] = ['smtp.tls_version', 'smtp.tls_certificate'];

/** The findings of one address, in check order; a check nobody judged is untested for the reason given. */
function findingSet(subject: string) {
  const found = new Map<SmtpCheck, Finding>();
  const add = (check: SmtpCheck, verdict: Verdict, params: Params) =>
    found.set(check, { check, verdict, requirement: REQUIREMENT[check], subject, params });
  const skip = (checks: readonly SmtpCheck[], why: Untested) => {
    for (const check of checks.filter((c) => !found.has(c))) {
      add(check, 'untested', { reason: why.reason, detail: why.detail });
    }
  };
  const list = () => {
    skip(SMTP_CHECKS, { reason: 'error', detail: 'not reached' });
    return SMTP_CHECKS.map((check) => found.get(check)!);
  };
  return { add, skip, list };
}

type FindingSet = ReturnType<typeof findingSet>;

export async function probeSmtp(options: SmtpProbeOptions): Promise<Finding[]> {
  const out = findingSet(`${options.host} (${options.address})`);
  const { budgetMs, signal } = options;
  const budget =
    budgetMs === undefined && signal === undefined
      ? undefined
      : probeBudget(budgetMs ?? Number.POSITIVE_INFINITY, signal);
  const why = await runProbe(options, budget, out);
  if (why) out.skip(SMTP_CHECKS, why);
  return out.list();
}

type Lost = { readonly reason: 'lost'; readonly detail: string };

async function runProbe(
  options: SmtpProbeOptions,
  budget: ProbeBudget | undefined,
  out: FindingSet,
): Promise<Untested | undefined> {
  const first = await withSession(options, budget, (client, banner) =>
    firstSession(client, banner, options, out),
  );
  if (first?.reason !== 'lost') return first;
  // STARTTLS failed mid-handshake: relay and VRFY in a new session in clear, as a sending MTA would retry.
  return withSession(options, budget, async (client) => {
    const greeting = await greet(client, options.heloName);
    if (!greeting.ok) return greeting;
    await checkSession(client, options, out);
    return undefined;
  });
}

/** Opens a session on port 25 and hands it on after the greeting; QUIT and close follow whatever happens. */
async function withSession<T>(
  options: SmtpProbeOptions,
  budget: ProbeBudget | undefined,
  use: (client: SmtpClient, banner: SmtpReply) => Promise<T | Untested | undefined>,
): Promise<T | Untested | undefined> {
  const { address, port = 25, localAddress } = options;
  const timeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...options.timeouts };
  const opened = await SmtpClient.open({
    address,
    port,
    timeouts,
    ...(localAddress && { localAddress }),
    ...(budget && { budget }),
  });
  if (!opened.ok) return opened;
  const { client, banner } = opened.value;
  try {
    // RFC 5321 §3.1: a server may greet with 554 instead of 220 and serve nothing: no answer to judge.
    return banner.code === 220 ? await use(client, banner) : replyUntested(banner);
  } finally {
    await client.close();
  }
}

async function firstSession(
  client: SmtpClient,
  banner: SmtpReply,
  options: SmtpProbeOptions,
  out: FindingSet,
) {
  out.add('smtp.connect', 'pass', { banner: formatReply(banner) });
  const greeting = await greet(client, options.heloName);
  if (!greeting.ok) return greeting;
  checkBannerName(out, banner, greeting.value, options);
  const secured = await secure(client, greeting.value, options, out);
  checkSize(out, secured.ok ? secured.value : greeting.value);
  if (!secured.ok) return secured;
  await checkSession(client, options, out);
  return undefined;
}

/** EHLO, and HELO for a server that does not know it (RFC 5321 §3.2: 500/502 to EHLO means "use HELO"). */
async function greet(client: SmtpClient, name: string): Promise<Step<Greeting>> {
  const ehlo = await client.command(`EHLO ${name}`);
  if (!ehlo.ok) return ehlo;
  if (ehlo.value.code === 250) return { ok: true, value: parseGreeting(ehlo.value) };
  if (ehlo.value.code !== 500 && ehlo.value.code !== 502)
    return { ok: false, ...refusalUntested(ehlo.value) };
  const helo = await client.command(`HELO ${name}`);
  if (!helo.ok) return helo;
  if (helo.value.code !== 250) return { ok: false, ...refusalUntested(helo.value) };
  return { ok: true, value: { reply: helo.value, name: greetingName(helo.value), extensions: new Map() } };
}

/**
 * Circular 4(f)(v): the MTA is registered in DNS with a reverse lookup. The name a server gives in its banner
 * and EHLO (RFC 5321 §4.2, §4.1.1.1) is the name it gives as a client too when it sends, and receivers
 * weigh a sender whose name and reverse DNS disagree as suspect (§4.1.4 lets them note it, not refuse). A
 * name in the same organisational domain as a PTR name is one operator's naming (a large provider names a
 * host one way in its banner and another in its PTR), which no receiver holds against it.
 */
function checkBannerName(out: FindingSet, banner: SmtpReply, greeting: Greeting, options: SmtpProbeOptions) {
  if (options.ptrNames === undefined) {
    out.add('smtp.banner_name', 'untested', { reason: 'no_ptr', detail: options.address });
    return;
  }
  const ptr = options.ptrNames.map((name) => name.toLowerCase().replace(/\.$/, ''));
  const operators = new Set(ptr.map(organisationalDomain));
  const names = [greetingName(banner), greeting.name];
  const matches = names.every(
    (name) => name !== undefined && (ptr.includes(name) || operators.has(organisationalDomain(name))),
  );
  out.add('smtp.banner_name', matches ? 'pass' : 'warn', {
    banner: names[0] ?? '-',
    ehlo: names[1] ?? '-',
    ptr: ptr.join(', ') || '-',
  });
}

type Secured = Step<Greeting> | ({ readonly ok: false } & Lost);

/**
 * STARTTLS (RFC 3207) and what it negotiated. Gives the greeting to go on with (after TLS, the new EHLO:
 * RFC 3207 §4.2 discards what was learnt in clear), `lost` when the handshake took the session down, or why
 * the session cannot go on.
 */
async function secure(
  client: SmtpClient,
  greeting: Greeting,
  options: SmtpProbeOptions,
  out: FindingSet,
): Promise<Secured> {
  if (!greeting.extensions.has('STARTTLS')) {
    out.add('smtp.starttls', 'fail', { reply: formatReply(greeting.reply) });
    out.skip(TLS_CHECKS, { reason: 'no_starttls', detail: formatReply(greeting.reply) });
    return { ok: true, value: greeting };
  }
  const started = await client.command('STARTTLS');
  if (!started.ok) return started;
  if (started.value.code !== 220) return refusedStartTls(started.value, greeting, out);
  const tls = await client.startTls({ servername: options.host, ...(options.ca && { ca: options.ca }) });
  if (!tls.ok) {
    // A 220 without a completed handshake carries no mail encrypted (RFC 3207 §4: TLS starts only once the
    // negotiation succeeds), so it is not a pass; a reset or timeout is not a fail either.
    out.skip(['smtp.starttls', ...TLS_CHECKS], tls);
    return { ok: false, reason: 'lost', detail: tls.detail };
  }
  out.add('smtp.starttls', 'pass', { reply: formatReply(started.value) });
  checkTlsVersion(out, tls.value);
  checkCertificate(out, tls.value, (options.clock ?? systemClock).now());
  return greet(client, options.heloName);
}

/** An advertised STARTTLS that is then refused: 5xx is a definite "no TLS here", 4xx may pass. */
function refusedStartTls(reply: SmtpReply, greeting: Greeting, out: FindingSet): Secured {
  const why = replyUntested(reply);
  if (why.reason === 'rejected') {
    out.add('smtp.starttls', 'fail', { reply: why.detail });
    out.skip(TLS_CHECKS, { reason: 'no_starttls', detail: why.detail });
  } else {
    out.skip(['smtp.starttls', ...TLS_CHECKS], why);
  }
  return { ok: true, value: greeting };
}

/** RFC 8996 deprecates TLS 1.0 and 1.1; RFC 8997 applies that to mail. */
function checkTlsVersion(out: FindingSet, tls: TlsSession): void {
  const version = tls.protocol === 'TLSv1' ? 'TLS 1.0' : tls.protocol.replace('TLSv', 'TLS ');
  const modern = tls.protocol === 'TLSv1.3' || tls.protocol === 'TLSv1.2';
  out.add('smtp.tls_version', modern ? 'pass' : 'fail', { version, cipher: tls.cipher });
}

const DAY_MS = 86_400_000;
const EXPIRY_WARNING_DAYS = 14;
const DATE_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const SELF_SIGNED_ERRORS = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT']);

/**
 * The server certificate. Expired (or not yet valid) fails: no verifying sender accepts it. Everything else
 * warns: SMTP between MTAs is opportunistic (RFC 3207 §4.1, RFC 7435), and RFC 7672 §1.3 notes senders
 * without DANE or MTA-STS do not check the name or chain, so mail is still encrypted; but MTA-STS (RFC 8461
 * §4.2) requires a chain to a trusted root that names the MX host, so a mismatch breaks it for those senders.
 */
function checkCertificate(out: FindingSet, tls: TlsSession, now: Date): void {
  const cert = tls.certificate;
  if (!cert) {
    out.add('smtp.tls_certificate', 'untested', { reason: 'tls', detail: 'TLS: no readable certificate' });
    return;
  }
  const { validFrom: starts, validTo: expires } = cert;
  const invalid = now < starts || now > expires;
  const problems: string[] = [];
  if (now < starts) problems.push('not_yet_valid');
  if (now > expires) problems.push('expired');
  else if (expires.getTime() - now.getTime() < EXPIRY_WARNING_DAYS * DAY_MS) problems.push('expires_soon');
  if (cert.selfSigned) problems.push('self_signed');
  // A chain error the findings above already explain is not counted twice as "untrusted".
  const explained = new Set([
    ...(cert.selfSigned ? SELF_SIGNED_ERRORS : []),
    ...(invalid ? DATE_ERRORS : []),
  ]);
  if (tls.chainError && !explained.has(tls.chainError)) problems.push('untrusted');
  if (cert.nameError) problems.push('name_mismatch');
  out.add('smtp.tls_certificate', invalid ? 'fail' : problems.length > 0 ? 'warn' : 'pass', {
    subject: cert.subject,
    issuer: cert.issuer,
    names: cert.names,
    starts: starts.toISOString().slice(0, 10),
    expires: expires.toISOString().slice(0, 10),
    days: Math.floor((expires.getTime() - now.getTime()) / DAY_MS),
    verify: tls.chainError ?? 'OK',
    problems: problems.join(', '),
  });
}

/**
 * Circular 4(f)(iii) sets a 10 MB maximum without saying decimal or binary megabytes. Everything an
 * administrator writes for "10 MB" passes: 10 000 000 (SI), Postfix's own default 10 240 000, and 10 485 760
 * (10 MiB, what the test bed and Exchange use). Above that the server takes what the circular forbids; below,
 * legitimate mail under 10 MB may bounce. The SIZE keyword is RFC 1870 §4: no number says nothing, 0 means
 * no fixed limit.
 */
const TEN_MB_LOWEST = 10_000_000;
const TEN_MB_HIGHEST = 10_485_760;
const MIB = 1_048_576;

function checkSize(out: FindingSet, greeting: Greeting): void {
  const size = greeting.extensions.get('SIZE');
  const bytes = size && /^\d+$/.test(size) ? Number(size) : undefined;
  // `absent`, `no_number` and `unlimited` are codes the report names in words (src/mail/describe.ts). RFC 1870
  // §4 lets the number be left out: SIZE is then announced, but says nothing about the limit.
  if (bytes === undefined) {
    out.add('smtp.size', 'warn', { declared: size === undefined ? 'absent' : size || 'no_number' });
    return;
  }
  if (bytes === 0) {
    out.add('smtp.size', 'fail', { declared: 'unlimited', bytes });
    return;
  }
  const mb = String(Math.round((bytes / MIB) * 10) / 10);
  const verdict = bytes > TEN_MB_HIGHEST ? 'fail' : bytes < TEN_MB_LOWEST ? 'warn' : 'pass';
  // Both units, as "10 MB" passes in either: 10 000 000 shown as "9.5 MB" beside a pass reads as a mistake.
  const si = String(Math.round(bytes / 100_000) / 10);
  out.add('smtp.size', verdict, { declared: `${bytes} (${si} MB / ${mb} MiB)`, mb, bytes });
}

async function checkSession(client: SmtpClient, options: SmtpProbeOptions, out: FindingSet): Promise<void> {
  const unknown = unknownLocal(probedDomain(options));
  const relay = await checkRelay(client, options, unknown);
  out.add('smtp.relay', relay.verdict, relay.params);
  // A session that died during the relay tries answers VRFY at once with the same failure.
  await checkVrfy(client, unknown, out);
}

/**
 * RFC 5321 §3.5.3: 250/251 confirm a mailbox, which lets anyone harvest addresses; 252 ("cannot verify, will
 * accept") and a refusal give nothing away. `postmaster` exists on every server (§4.5.1), so a 550 for it is
 * VRFY switched off, not a missing mailbox. A 252 is only "cannot verify" if a mailbox that cannot exist gets
 * it too: stock Postfix (disable_vrfy_command = no) answers 252 for a real mailbox and 550 5.1.1 for a
 * missing one, which tells the same as a 250.
 */
async function checkVrfy(client: SmtpClient, unknown: string, out: FindingSet): Promise<void> {
  const vrfy = await client.command('VRFY postmaster');
  if (!vrfy.ok) {
    out.skip(['smtp.vrfy'], vrfy);
    return;
  }
  const { code } = vrfy.value;
  const reply = formatReply(vrfy.value);
  if (code === 250 || code === 251) out.add('smtp.vrfy', 'warn', { reply });
  else if (code >= 500) out.add('smtp.vrfy', 'pass', { reply });
  else if (code !== 252) out.skip(['smtp.vrfy'], replyUntested(vrfy.value));
  else {
    const other = await client.command(`VRFY ${unknown}`);
    // A refusal about the mailbox (RFC 5321 §4.2.3 550/551/553, or an RFC 3463 X.1.x status); a 502 for the
    // second VRFY is VRFY refused, which says nothing.
    const tells =
      other.ok &&
      other.value.code >= 400 &&
      ([550, 551, 553].includes(other.value.code) || aboutTheMailbox(other.value));
    if (!tells) out.add('smtp.vrfy', 'pass', { reply });
    else
      out.add('smtp.vrfy', 'warn', {
        reply: `postmaster: ${reply}; ${unknown}: ${formatReply(other.value)}`,
      });
  }
}
