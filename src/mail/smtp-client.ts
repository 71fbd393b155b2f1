// A minimal, strict SMTP client for probing an MX (RFC 5321), never for sending mail: it opens a session on
// port 25, reads replies with a deadline per phase, upgrades with STARTTLS (RFC 3207) and says QUIT. It
// refuses DATA and BDAT, so a probe can never put a message on the wire. Every expected outcome (a refused
// connection, a silent server, a reset) is a result, not an exception (STYLE.md 15).

import { isIP, connect as netConnect, type Socket } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import type { ProbeBudget } from './smtp-budget.ts';
import { reasonOfCode } from './socket-errors.ts';
import { describeTls, trustAnchors } from './tls.ts';

export interface SmtpReply {
  readonly code: number;
  /** The text of each line, without the code and its separator. */
  readonly lines: readonly string[];
}

/** Why a session could not go on; a probe reports every one of them as "could not test". */
export type SmtpFailureReason =
  | 'timeout'
  | 'refused'
  | 'reset'
  | 'closed'
  | 'unreachable'
  | 'protocol'
  | 'tls'
  | 'error'
  | 'stopped';

export interface SmtpFailure {
  readonly ok: false;
  readonly reason: SmtpFailureReason;
  /** The phase and what happened there, e.g. `EHLO: ECONNRESET` or `banner: 30000 ms`. */
  readonly detail: string;
}

export type SmtpResult<T> = { readonly ok: true; readonly value: T } | SmtpFailure;

/**
 * Deadlines in milliseconds. RFC 5321 §4.5.3.2 gives a delivering client 5 minutes for the greeting and most
 * replies; a probe answering in chat cannot wait that long, so these are shorter. The banner gets more than a
 * reply because greeting delays (Postfix postscreen's `postscreen_greet_wait`, 6 s by default) are common.
 */
export interface SmtpTimeouts {
  readonly connect: number;
  readonly banner: number;
  readonly reply: number;
  readonly tls: number;
  readonly quit: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connect: 10_000,
  banner: 30_000,
  reply: 30_000,
  tls: 15_000,
  quit: 5_000,
};

export interface SmtpTarget {
  readonly address: string;
  readonly port: number;
  /** The source address; a test bed uses it to connect from outside Postfix's `mynetworks`. */
  readonly localAddress?: string;
  readonly timeouts?: SmtpTimeouts;
  /** The whole probe's time over all its sessions (a tarpit answering each line just inside `reply`). */
  readonly budget?: ProbeBudget;
}

export interface TlsSession {
  /** As Node names it: `TLSv1.3`, `TLSv1.2`, `TLSv1.1`, `TLSv1`. */
  readonly protocol: string;
  readonly cipher: string;
  /** OpenSSL's verdict on the chain (`CERT_HAS_EXPIRED`, …), undefined when it verifies; names aside. */
  readonly chainError: string | undefined;
  readonly certificate: CertificateFacts | undefined;
}

/** What the server's certificate says, for a probe to judge. */
export interface CertificateFacts {
  /** The common name, or the whole distinguished name when there is none. */
  readonly subject: string;
  readonly issuer: string;
  /** subjectAltName as OpenSSL prints it (`DNS:mx.agency.gov.my, DNS:…`), `-` when absent. */
  readonly names: string;
  readonly validFrom: Date;
  readonly validTo: Date;
  /** Signed by its own key, whatever the chain's verdict (self-signed and given as `ca`, it verifies). */
  readonly selfSigned: boolean;
  /** Why the name asked for is not the certificate's (a subjectAltName DNS-ID, RFC 8461 §4.2; tls.ts), else undefined. */
  readonly nameError: string | undefined;
}

/** What a probe reads in an EHLO (or HELO) reply: the server's name and extensions (RFC 5321 §4.1.1.1). */
export interface Greeting {
  readonly reply: SmtpReply;
  readonly name: string | undefined;
  /** Keyword in upper case → its parameters as sent (`SIZE` → `10485760`, `STARTTLS` → ``). */
  readonly extensions: ReadonlyMap<string, string>;
}

const REPLY_LINE = /^([2-5][0-5][0-9])(?:([ -])(.*))?$/;
const MAX_PENDING_CHARS = 64 * 1024;
const MAX_REPLY_LINES = 1000;

export function formatReply(reply: SmtpReply): string {
  return `${reply.code} ${reply.lines.join(' / ')}`.trim();
}

/** The host name opening a greeting or EHLO reply (RFC 5321 §4.2, §4.1.1.1), in lower case, no final dot. */
export function greetingName(reply: SmtpReply): string | undefined {
  const first = reply.lines[0]?.trim().split(/\s+/)[0] ?? '';
  return /^[a-z0-9_-]+(\.[a-z0-9_-]+)+\.?$/i.test(first) ? first.toLowerCase().replace(/\.$/, '') : undefined;
}

export function parseGreeting(reply: SmtpReply): Greeting {
  const extensions = new Map<string, string>();
  for (const line of reply.lines.slice(1)) {
    const [keyword = '', ...params] = line.trim().split(/\s+/);
    if (keyword) extensions.set(keyword.toUpperCase(), params.join(' '));
  }
  return { reply, name: greetingName(reply), extensions };
}

type Parsed = { readonly reply: SmtpReply; readonly used: number } | { readonly error: string } | undefined;

/** One reply from the front of `lines` (RFC 5321 §4.2: all lines of a multiline reply share one code). */
export function parseReply(lines: readonly string[]): Parsed {
  const texts: string[] = [];
  let code: string | undefined;
  for (const [index, line] of lines.entries()) {
    const match = REPLY_LINE.exec(line);
    if (!match) return { error: `malformed reply line "${line.slice(0, 80)}"` };
    if (code !== undefined && match[1] !== code)
      return { error: `reply code ${match[1]} inside a ${code} reply` };
    code = match[1]!;
    texts.push(match[3] ?? '');
    if (match[2] !== '-') return { reply: { code: Number(code), lines: texts }, used: index + 1 };
    if (texts.length >= MAX_REPLY_LINES) return { error: `reply longer than ${MAX_REPLY_LINES} lines` };
  }
  return undefined;
}

function failureOf(error: unknown, phase: string): { reason: SmtpFailureReason; detail: string } {
  const code = (error as { code?: unknown }).code;
  const name = typeof code === 'string' ? code : String((error as Error).message ?? error);
  const tls = name.startsWith('ERR_SSL_') || name.startsWith('ERR_TLS_');
  return { reason: reasonOfCode(name) ?? (tls ? 'tls' : 'error'), detail: `${phase}: ${name}` };
}

export class SmtpClient {
  #socket: Socket | TLSSocket;
  readonly #timeouts: SmtpTimeouts;
  readonly #budget: ProbeBudget | undefined;
  #pending = '';
  #lines: string[] = [];
  #phase = 'connect';
  /** The transport is gone (error, reset, close): nothing more can be read or written. */
  #ended: SmtpFailure | undefined;
  /** The dialogue is out of step (a timeout, a malformed reply): no more commands, but QUIT may go out. */
  #broken: SmtpFailure | undefined;
  #wake: (() => void) | undefined;
  #closed = false;
  readonly #onData = (chunk: string) => this.#receive(chunk);

  private constructor(socket: Socket, timeouts: SmtpTimeouts, budget: ProbeBudget | undefined) {
    this.#socket = socket;
    this.#timeouts = timeouts;
    this.#budget = budget;
    this.#watch(socket);
  }

  /** Connects and reads the greeting; on failure the socket is already closed. */
  static async open(target: SmtpTarget): Promise<SmtpResult<{ client: SmtpClient; banner: SmtpReply }>> {
    const { address, port, localAddress, timeouts = DEFAULT_SMTP_TIMEOUTS, budget } = target;
    const client = new SmtpClient(
      netConnect({ host: address, port, ...(localAddress && { localAddress }) }),
      timeouts,
      budget,
    );
    const connected = await client.#connected();
    if (!connected.ok) {
      client.#socket.destroy();
      return connected;
    }
    client.#phase = 'banner';
    const banner = await client.#readReply(timeouts.banner);
    if (!banner.ok) {
      await client.close();
      return banner;
    }
    return { ok: true, value: { client, banner: banner.value } };
  }

  /** Sends one command line and reads its reply. DATA and BDAT are refused: a probe never sends a message. */
  async command(line: string): Promise<SmtpResult<SmtpReply>> {
    const verb = line.split(' ')[0]!.toUpperCase();
    // A CR or LF inside a value (a domain typed in chat) would smuggle in a command of its own.
    if (/[\r\n\0]/.test(line) || verb === 'DATA' || verb === 'BDAT') {
      return { ok: false, reason: 'error', detail: `${verb}: not sent by a probe` };
    }
    const stopped = this.#broken ?? this.#ended;
    if (stopped) return stopped;
    this.#phase = verb;
    this.#socket.write(`${line}\r\n`);
    return this.#readReply(this.#timeouts.reply);
  }

  /**
   * Upgrades after a 220 to STARTTLS. The certificate is not enforced here (`rejectUnauthorized: false`) so a
   * bad one is reported rather than ending the session; the caller inspects `TlsSession`. TLS 1.0 and 1.1 are
   * allowed (and OpenSSL's security level lowered) only so that a server offering nothing newer can be named.
   */
  async startTls(options: {
    servername: string;
    ca?: string | readonly string[];
  }): Promise<SmtpResult<TlsSession>> {
    const stopped = this.#broken ?? this.#ended;
    if (stopped) return stopped;
    this.#socket.removeListener('data', this.#onData);
    // RFC 3207 §4.2 and the STARTTLS response-injection attacks: nothing read in clear may be used after TLS.
    this.#pending = '';
    this.#lines = [];
    this.#phase = 'TLS';
    const secure = tlsConnect({
      socket: this.#socket,
      servername: isIP(options.servername) ? undefined : options.servername,
      ca: trustAnchors(options.ca),
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      minVersion: 'TLSv1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    this.#socket = secure;
    this.#watch(secure);
    const handshake = await this.#handshake(secure);
    return handshake.ok ? { ok: true, value: describeTls(secure, options.servername) } : handshake;
  }

  /** Says QUIT (RFC 5321 §4.1.1.10) while the transport is there, then releases the socket. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (!this.#ended && !this.#socket.destroyed) {
      this.#lines = [];
      const silent = this.#phase === 'banner';
      this.#phase = 'QUIT';
      this.#socket.write('QUIT\r\n');
      // A session broken by a timeout waits (briefly) for the 221, so QUIT is not cut off by the close; a
      // server that never even greeted will not answer QUIT either, and waiting for it would only double the
      // time a dead host costs the whole run.
      if (!silent)
        await this.#until(
          this.#timeouts.quit,
          () => (this.#ended || parseReply(this.#lines) ? true : undefined),
          () => false,
          false,
        );
    }
    this.#socket.destroy();
  }

  #watch(socket: Socket | TLSSocket): void {
    socket.setEncoding('utf8');
    socket.on('data', this.#onData);
    socket.on('error', (error) => this.#end(failureOf(error, this.#phase)));
    socket.on('end', () => this.#end({ reason: 'closed', detail: `${this.#phase}: closed by the server` }));
    socket.on('close', () => this.#end({ reason: 'closed', detail: `${this.#phase}: closed` }));
  }

  #receive(chunk: string): void {
    this.#pending += chunk;
    const parts = this.#pending.split('\n');
    this.#pending = parts.pop()!;
    this.#lines.push(...parts.map((line) => line.replace(/\r$/, '')));
    if (this.#pending.length > MAX_PENDING_CHARS) {
      this.#pending = '';
      this.#break('protocol', 'line longer than 64 KiB');
    }
    this.#wake?.();
  }

  #end(failure: { reason: SmtpFailureReason; detail: string }): void {
    this.#ended ??= { ok: false, ...failure };
    this.#wake?.();
  }

  #break(reason: SmtpFailureReason, detail: string): void {
    this.#broken ??= { ok: false, reason, detail: `${this.#phase}: ${detail}` };
    this.#wake?.();
  }

  /**
   * Resolves with what `settled()` gives once it gives something, or with `onTimeout(why, 'timeout')` after
   * `ms`, or sooner when the probe's budget runs out (`why` then names the budget), or with
   * `onTimeout('stopped', 'stopped')` as soon as the budget's signal aborts. QUIT is not held to the budget:
   * its own short wait lets a session end cleanly after the budget cut it; a stop cuts it too.
   */
  #until<T>(
    ms: number,
    settled: () => T | undefined,
    onTimeout: (why: string, cut: 'timeout' | 'stopped') => T,
    budgeted = true,
  ): Promise<T> {
    const left =
      budgeted && this.#budget ? this.#budget.endsAt - performance.now() : Number.POSITIVE_INFINITY;
    const why = left < ms ? `${this.#budget!.ms} ms in all` : `${ms} ms`;
    const wait = Math.max(0, Math.min(ms, left));
    const signal = this.#budget?.signal;
    return new Promise((resolve) => {
      let finished = false;
      const stop = () => finish(onTimeout('stopped', 'stopped'));
      const finish = (value: T) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', stop);
        this.#wake = undefined;
        resolve(value);
      };
      const timer = setTimeout(() => finish(onTimeout(why, 'timeout')), wait);
      this.#wake = () => {
        const value = settled();
        if (value !== undefined) finish(value);
      };
      // Listening before the first look, so a wait settled by a reply already read removes it again.
      signal?.addEventListener('abort', stop, { once: true });
      this.#wake();
      if (signal?.aborted) stop();
    });
  }

  #connected(): Promise<SmtpResult<true>> {
    let connected = false;
    this.#socket.once('connect', () => {
      connected = true;
      this.#wake?.();
    });
    const ms = this.#timeouts.connect;
    return this.#until<SmtpResult<true>>(
      ms,
      () => (connected ? { ok: true, value: true } : this.#ended),
      (why, cut) => ({ ok: false, reason: cut, detail: `connect: ${why}` }),
    );
  }

  #readReply(ms: number): Promise<SmtpResult<SmtpReply>> {
    return this.#until<SmtpResult<SmtpReply>>(
      ms,
      () => this.#takeReply(),
      (why, cut) => {
        this.#break(cut, why);
        return this.#broken!;
      },
    );
  }

  #takeReply(): SmtpResult<SmtpReply> | undefined {
    const parsed = parseReply(this.#lines);
    if (parsed === undefined) return this.#broken ?? this.#ended;
    if ('error' in parsed) {
      this.#lines = [];
      this.#broken ??= { ok: false, reason: 'protocol', detail: `${this.#phase}: ${parsed.error}` };
      return this.#broken;
    }
    this.#lines.splice(0, parsed.used);
    return { ok: true, value: parsed.reply };
  }

  #handshake(secure: TLSSocket): Promise<SmtpResult<true>> {
    let done = false;
    secure.once('secureConnect', () => {
      done = true;
      this.#wake?.();
    });
    const ms = this.#timeouts.tls;
    return this.#until<SmtpResult<true>>(
      ms,
      () => (done ? { ok: true, value: true } : this.#ended),
      (why, cut) => {
        // Half a handshake cannot carry a QUIT: the transport is given up.
        this.#end({ reason: cut, detail: `TLS: ${why}` });
        secure.destroy();
        return this.#ended!;
      },
    );
  }
}
