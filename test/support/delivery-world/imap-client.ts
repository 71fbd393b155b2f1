import { connect, type Socket } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';

// A small IMAP4rev1 session (RFC 3501) for tests of the delivery world, written by hand so the world is checked
// without the libraries the product uses: STARTTLS, LOGIN, then tagged commands whose untagged responses come
// back as text, literals (`{n}` then n octets, RFC 3501 §4.3) included inline.

export interface ImapResponse {
  /** `OK`, `NO` or `BAD` of the tagged completion. */
  readonly status: string;
  /** The tagged completion line. */
  readonly text: string;
  /** Untagged responses, each with its literals inlined. */
  readonly untagged: readonly string[];
}

export class ImapSession {
  private socket: Socket | TLSSocket;
  private buffer = Buffer.alloc(0);
  private tag = 0;
  private waiting: (() => void) | undefined;
  private failure: Error | undefined;

  private constructor(socket: Socket) {
    this.socket = socket;
    this.attach(socket);
  }

  /** Connects, reads the greeting, upgrades with STARTTLS (verified against `ca`) and logs in. */
  static async open(o: {
    host: string;
    port: number;
    servername: string;
    ca: string;
    user: string;
    password: string;
  }): Promise<ImapSession> {
    const socket = connect({ host: o.host, port: o.port });
    const session = new ImapSession(socket);
    const greeting = await session.readLine(10_000);
    if (!greeting.startsWith('* OK')) throw new Error(`IMAP greeting: ${greeting}`);
    const starttls = await session.command('STARTTLS');
    if (starttls.status !== 'OK') throw new Error(`STARTTLS: ${starttls.text}`);
    socket.removeAllListeners('data');
    const tls = tlsConnect({ socket, servername: o.servername, ca: o.ca });
    await new Promise<void>((resolve, reject) => {
      tls.once('secureConnect', resolve);
      tls.once('error', reject);
    });
    session.socket = tls;
    session.attach(tls);
    const login = await session.command(`LOGIN ${quote(o.user)} ${quote(o.password)}`);
    if (login.status !== 'OK') throw new Error(`LOGIN ${o.user}: ${login.text}`);
    return session;
  }

  private attach(socket: Socket | TLSSocket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiting?.();
    });
    socket.on('error', (error) => {
      this.failure ??= error;
      this.waiting?.();
    });
    socket.on('close', () => {
      this.failure ??= new Error('IMAP connection closed');
      this.waiting?.();
    });
  }

  private async waitForData(deadline: number) {
    if (this.failure) throw this.failure;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error('no IMAP response in time');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, left);
      this.waiting = () => {
        clearTimeout(timer);
        this.waiting = undefined;
        resolve();
      };
    });
  }

  /** One response line with its literals inlined (without the final CRLF). */
  private async readLine(timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let line = '';
    for (;;) {
      const end = this.buffer.indexOf('\r\n');
      if (end < 0) {
        await this.waitForData(deadline);
        continue;
      }
      const part = this.buffer.subarray(0, end).toString('latin1');
      const literal = /\{(\d+)\}$/.exec(part);
      if (!literal) {
        this.buffer = this.buffer.subarray(end + 2);
        return line + part;
      }
      const size = Number(literal[1]);
      while (this.buffer.length < end + 2 + size) await this.waitForData(deadline);
      line += `${part}\r\n${this.buffer.subarray(end + 2, end + 2 + size).toString('latin1')}`;
      this.buffer = this.buffer.subarray(end + 2 + size);
    }
  }

  /** Sends a tagged command and reads to its completion. */
  async command(line: string, timeoutMs = 10_000): Promise<ImapResponse> {
    const tag = `t${++this.tag}`;
    this.socket.write(`${tag} ${line}\r\n`);
    const untagged: string[] = [];
    for (;;) {
      const response = await this.readLine(timeoutMs);
      if (response.startsWith(`${tag} `)) {
        const text = response.slice(tag.length + 1);
        return { status: text.split(' ')[0] ?? '', text, untagged };
      }
      untagged.push(response);
    }
  }

  /** `UID SEARCH <criteria>` in the selected mailbox: the UIDs found. */
  async search(criteria: string): Promise<number[]> {
    const response = await this.command(`UID SEARCH ${criteria}`);
    if (response.status !== 'OK') throw new Error(`SEARCH ${criteria}: ${response.text}`);
    const line = response.untagged.find((u) => u.startsWith('* SEARCH'));
    return (line ?? '').slice('* SEARCH'.length).trim().split(' ').filter(Boolean).map(Number);
  }

  /** The raw source of a message (`BODY.PEEK[]`), by UID. */
  async source(uid: number): Promise<string> {
    const response = await this.command(`UID FETCH ${uid} BODY.PEEK[]`);
    const fetched = response.untagged.find((u) => / FETCH /.test(u));
    const start = fetched?.indexOf('}\r\n') ?? -1;
    if (response.status !== 'OK' || !fetched || start < 0) throw new Error(`FETCH ${uid}: ${response.text}`);
    const size = Number(/\{(\d+)\}\r\n/.exec(fetched)?.[1]);
    return fetched.slice(start + 3, start + 3 + size);
  }

  /**
   * Polls `SEARCH <criteria>` (NOOP first, so new mail is seen) until a message matches: the first UID found.
   * Throws after `timeoutMs`.
   */
  async waitFor(criteria: string, timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.command('NOOP');
      const [uid] = await this.search(criteria);
      if (uid !== undefined) return uid;
      if (Date.now() > deadline) throw new Error(`no message matching ${criteria} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async logout(): Promise<void> {
    if (!this.failure) await this.command('LOGOUT', 2_000).catch(() => undefined);
    this.socket.destroy();
  }
}

/** An IMAP quoted string (RFC 3501 §4.3). */
function quote(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
