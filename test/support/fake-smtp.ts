import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, type SecureVersion, TLSSocket } from 'node:tls';

// A scripted SMTP server on 127.0.0.1 for the probe's unit tests. By default it answers like the test bed's
// Postfix (TESTBED.md "What the real servers produce"); a test overrides single replies, makes it silent or
// makes it reset. It records every command line of every connection so tests can assert DATA never came.

/** Send nothing, ever. */
export const SILENCE = Symbol('silence');
/** Drop the connection with a TCP reset. */
export const RESET = Symbol('reset');
/** Wire lines (`250 Ok`, or `250-a` + `250 b`), or one of the actions above. */
export type FakeReply = string | readonly string[] | typeof SILENCE | typeof RESET;

export interface FakeTls {
  readonly key: string;
  readonly cert: string;
  readonly minVersion?: SecureVersion;
  readonly maxVersion?: SecureVersion;
  /** Answer 220 to STARTTLS, then reset the connection when the client hello arrives. */
  readonly resetHandshake?: boolean;
}

export interface FakeSmtpOptions {
  readonly banner?: FakeReply;
  /** The name in the default banner and EHLO reply. */
  readonly name?: string;
  /** EHLO keywords; STARTTLS is added while a `tls` server is not yet in TLS. */
  readonly extensions?: readonly string[];
  readonly tls?: FakeTls;
  /** A reply for this command, or undefined for the default one. */
  readonly reply?: (command: string, context: { readonly tls: boolean }) => FakeReply | undefined;
  /** Every reply after the banner held back this long, as a tarpit does. */
  readonly delayMs?: number;
}

export interface FakeSmtp {
  readonly port: number;
  /** Every command line received, in order, over all connections. */
  readonly commands: readonly string[];
  readonly connections: () => number;
  /** The client address of each connection, in order. */
  readonly peers: readonly string[];
  close(): Promise<void>;
}

const DEFAULT_EXTENSIONS = ['PIPELINING', 'SIZE 10485760', 'VRFY', 'ETRN', 'ENHANCEDSTATUSCODES', '8BITMIME'];

export async function startFakeSmtp(options: FakeSmtpOptions = {}): Promise<FakeSmtp> {
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const peers: string[] = [];
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    peers.push(socket.remoteAddress ?? '');
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, options, commands);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    commands,
    connections: () => connections,
    peers,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function serve(socket: Socket, options: FakeSmtpOptions, commands: string[]): void {
  const name = options.name ?? 'mx.agency.test';
  let stream: Socket | TLSSocket = socket;
  let secure = false;
  let pending = '';
  socket.on('error', () => {});

  const send = (reply: FakeReply): boolean => {
    if (reply === SILENCE) return false;
    if (reply === RESET) {
      socket.resetAndDestroy();
      return false;
    }
    const lines = typeof reply === 'string' ? [reply] : reply;
    stream.write(lines.map((line) => `${line}\r\n`).join(''));
    return true;
  };

  const upgrade = (tls: FakeTls) => {
    stream.removeListener('data', onData);
    pending = '';
    if (tls.resetHandshake) {
      socket.once('data', () => socket.resetAndDestroy());
      return;
    }
    const context = createSecureContext({
      key: tls.key,
      cert: tls.cert,
      minVersion: tls.minVersion ?? 'TLSv1',
      ...(tls.maxVersion && { maxVersion: tls.maxVersion }),
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    const secured = new TLSSocket(socket, { isServer: true, secureContext: context });
    secured.on('error', () => {});
    secured.setEncoding('utf8');
    secured.on('data', onData);
    stream = secured;
    secure = true;
  };

  const handle = (command: string) => {
    commands.push(command);
    if (!options.delayMs) return answer(command);
    setTimeout(() => {
      if (!socket.destroyed) answer(command);
    }, options.delayMs);
  };

  const answer = (command: string) => {
    const verb = command.split(/[ :]/)[0]!.toUpperCase();
    const reply = options.reply?.(command, { tls: secure }) ?? defaultReply(verb, name, options, secure);
    const sent = send(reply);
    if (!sent) return;
    if (verb === 'STARTTLS' && options.tls && !secure && String(reply).startsWith('220'))
      upgrade(options.tls);
    // RFC 5321 §3.8: a server that answers 421 closes the connection, as Postfix does.
    const closing = (typeof reply === 'string' ? [reply] : (reply as readonly string[]))
      .at(-1)
      ?.startsWith('421');
    if (verb === 'QUIT' || closing) stream.end();
  };

  function onData(chunk: string) {
    pending += chunk;
    for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 2);
      handle(line);
      if (socket.destroyed) break;
    }
  }

  socket.setEncoding('utf8');
  socket.on('data', onData);
  send(options.banner ?? `220 ${name} ESMTP Postfix (fake)`);
}

function defaultReply(verb: string, name: string, options: FakeSmtpOptions, secure: boolean): FakeReply {
  switch (verb) {
    case 'EHLO': {
      const keywords = [...(options.extensions ?? DEFAULT_EXTENSIONS)];
      if (options.tls && !secure) keywords.push('STARTTLS');
      const lines = [name, ...keywords];
      return lines.map((line, i) => `250${i === lines.length - 1 ? ' ' : '-'}${line}`);
    }
    case 'HELO':
      return `250 ${name}`;
    case 'STARTTLS':
      return options.tls && !secure
        ? '220 2.0.0 Ready to start TLS'
        : '502 5.5.1 Error: command not implemented';
    case 'MAIL':
      return '250 2.1.0 Ok';
    case 'RCPT':
      return '554 5.7.1 Relay access denied';
    case 'RSET':
      return '250 2.0.0 Ok';
    case 'VRFY':
      return '502 5.5.1 VRFY command is disabled';
    case 'QUIT':
      return '221 2.0.0 Bye';
    default:
      return '502 5.5.2 Error: command not recognized';
  }
}

export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
}

/** A throw-away CA made with the `openssl` CLI; certificates are EC P-256 for speed. */
export interface TestPki {
  /** The CA certificate (PEM), to pass to the probe as `ca`. */
  readonly ca: string;
  issue(spec: { readonly names: readonly string[]; readonly from: Date; readonly to: Date }): TestCertificate;
  selfSigned(name: string): TestCertificate;
  dispose(): void;
}

const CA_CONFIG = `[ca]
default_ca = test
[test]
database = index.txt
new_certs_dir = .
certificate = ca.crt
private_key = ca.key
serial = serial.txt
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
[req]
distinguished_name = dn
[dn]
[v3_ca]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_self]
basicConstraints = CA:false
extendedKeyUsage = serverAuth
`;

const opensslDate = (date: Date) => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'mailops-pki-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial.txt'), '1000\n');
  const x509 = (section: string, id: string, name: string, ...extra: string[]) =>
    openssl(
      'req',
      '-x509',
      '-config',
      'ca.cnf',
      '-extensions',
      section,
      ...newKey,
      '-days',
      '365',
      '-keyout',
      `${id}.key`,
      '-out',
      `${id}.crt`,
      '-subj',
      `/CN=${name}`,
      ...extra,
    );
  x509('v3_ca', 'ca', 'Mailops Test CA');
  let serial = 0;
  return {
    ca: read('ca.crt'),
    issue({ names, from, to }) {
      const id = `leaf${++serial}`;
      const san = names.map((name) => `DNS:${name}`).join(',');
      writeFileSync(join(dir, `${id}.ext`), `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`);
      openssl('req', ...newKey, '-keyout', `${id}.key`, '-out', `${id}.csr`, '-subj', `/CN=${names[0]}`);
      openssl(
        'ca',
        '-batch',
        '-config',
        'ca.cnf',
        '-notext',
        '-in',
        `${id}.csr`,
        '-out',
        `${id}.crt`,
        '-startdate',
        opensslDate(from),
        '-enddate',
        opensslDate(to),
        '-extfile',
        `${id}.ext`,
      );
      return { key: read(`${id}.key`), cert: read(`${id}.crt`) };
    },
    selfSigned(name) {
      const id = `self${++serial}`;
      x509('v3_self', id, name, '-addext', `subjectAltName=DNS:${name}`);
      return { key: read(`${id}.key`), cert: read(`${id}.crt`) };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
