import { connect, type Socket } from 'node:net';
import { type PeerCertificate, type TLSSocket, connect as tlsConnect } from 'node:tls';

// A small SMTP conversation for tests that talk to the world's servers by hand: one reply per command
// (multi-line replies joined), STARTTLS upgrade, and a record of every command sent so a test can prove it never
// sent DATA.

export interface SmtpReply {
  readonly code: number;
  /** Each line's text after the code and separator. */
  readonly lines: readonly string[];
  /** The reply as received, lines joined with \n. */
  readonly raw: string;
}

export class SmtpConversation {
  /** Every command sent, in order (without CRLF). */
  readonly sent: string[] = [];
  private buffer = '';
  private waiting: { resolve: (reply: SmtpReply) => void; reject: (error: Error) => void } | undefined;
  private replies: SmtpReply[] = [];
  private failure: Error | undefined;
  private socket: Socket | TLSSocket;
  private readonly timeoutMs: number;

  private constructor(socket: Socket | TLSSocket, timeoutMs: number) {
    this.socket = socket;
    this.timeoutMs = timeoutMs;
    this.attach(socket);
  }

  /** Connects and reads the greeting. */
  static async open(host: string, port = 25, timeoutMs = 10_000) {
    const socket = connect({ host, port });
    const conversation = new SmtpConversation(socket, timeoutMs);
    const greeting = await conversation.read();
    return { conversation, greeting };
  }

  private attach(socket: Socket | TLSSocket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('connection closed')));
  }

  private receive(chunk: string) {
    this.buffer += chunk;
    for (;;) {
      const lines = this.buffer.split('\r\n');
      const last = lines.findIndex((line) => /^\d{3}(?: |$)/.test(line));
      if (last < 0 || last === lines.length - 1) return;
      const replyLines = lines.slice(0, last + 1);
      this.buffer = lines.slice(last + 1).join('\r\n');
      const reply: SmtpReply = {
        code: Number(replyLines[last]!.slice(0, 3)),
        lines: replyLines.map((line) => line.slice(4)),
        raw: replyLines.join('\n'),
      };
      if (this.waiting) {
        const { resolve } = this.waiting;
        this.waiting = undefined;
        resolve(reply);
      } else {
        this.replies.push(reply);
      }
    }
  }

  private fail(error: Error) {
    this.failure ??= error;
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = undefined;
      reject(error);
    }
  }

  /** The next reply. */
  read(): Promise<SmtpReply> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(new Error(`no SMTP reply within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.waiting = {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  /** Sends one command and reads its reply. */
  async command(line: string): Promise<SmtpReply> {
    this.sent.push(line);
    this.socket.write(`${line}\r\n`);
    return this.read();
  }

  /** EHLO, returning the extensions advertised (upper-cased keyword → its parameters). */
  async ehlo(name = 'client.test'): Promise<{ reply: SmtpReply; extensions: Map<string, string> }> {
    const reply = await this.command(`EHLO ${name}`);
    const extensions = new Map<string, string>();
    for (const line of reply.lines.slice(1)) {
      const [keyword = '', ...rest] = line.split(' ');
      extensions.set(keyword.toUpperCase(), rest.join(' '));
    }
    return { reply, extensions };
  }

  /** STARTTLS and the TLS handshake (verified against `ca` for `servername`). */
  async starttls(servername: string, ca: string | undefined): Promise<{ reply: SmtpReply; tls?: TLSSocket }> {
    const reply = await this.command('STARTTLS');
    if (reply.code !== 220) return { reply };
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    const tls = tlsConnect({ socket: plain, servername, ...(ca ? { ca } : {}) });
    await new Promise<void>((resolve, reject) => {
      tls.once('secureConnect', resolve);
      tls.once('error', reject);
    });
    this.socket = tls;
    this.attach(tls);
    return { reply, tls };
  }

  peerCertificate(): PeerCertificate | undefined {
    return 'getPeerCertificate' in this.socket ? this.socket.getPeerCertificate() : undefined;
  }

  /** QUIT (best effort) and close. */
  async quit(): Promise<void> {
    if (!this.failure) await this.command('QUIT').catch(() => undefined);
    this.socket.destroy();
  }
}
