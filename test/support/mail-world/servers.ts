import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import { MTA_STS_POLICIES } from './zones.ts';

// The in-process parts of the mail world: a name server that never answers, an SMTP server that never speaks,
// and the MTA-STS policy host. Each tracks its connections so close() ends them at once and nothing keeps the
// test process alive afterwards.

export interface Closable {
  close(): Promise<void>;
}

/** A TCP server that accepts and never writes; close() destroys the open connections. */
function mute(server: Server): Closable {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.resume(); // read and drop
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}

function bindUdp(socket: UdpSocket, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ address: host, port, exclusive: true }, () => {
      socket.off('error', reject);
      resolve(socket.address().port);
    });
  });
}

/** A port on 127.0.0.1 that is free for both UDP and TCP right now, to hand to a daemon. */
export async function udpTcpPort(): Promise<number> {
  const pair = await bindUdpTcpPair();
  await pair.close();
  return pair.port;
}

async function bindUdpTcpPair() {
  for (let attempt = 0; ; attempt++) {
    const udp = createSocket('udp4');
    const port = await bindUdp(udp, '127.0.0.1', 0);
    const tcp = createServer();
    const ok = await listen(tcp, '127.0.0.1', port).then(
      () => true,
      () => false,
    );
    if (ok) {
      const muted = mute(tcp);
      return {
        port,
        udp,
        tcp: muted,
        close: async () => {
          await new Promise<void>((resolve) => udp.close(() => resolve()));
          await muted.close();
        },
      };
    }
    udp.close();
    if (attempt > 20) throw new Error('no port free for both UDP and TCP on 127.0.0.1');
  }
}

/** A name server on 127.0.0.1 that reads every query (UDP and TCP) and never answers. */
export async function startSilentDns(): Promise<Closable & { readonly port: number }> {
  const pair = await bindUdpTcpPair();
  pair.udp.on('message', () => {}); // read and drop
  pair.udp.unref();
  return { port: pair.port, close: pair.close };
}

/** Accepts TCP connections on host:port and never sends a byte. */
export async function startSilentSmtp(host: string, port = 25): Promise<Closable> {
  const server = createServer();
  const muted = mute(server);
  await listen(server, host, port);
  return muted;
}

/**
 * The MTA-STS policy host: HTTPS on host:443 with a certificate for every `mta-sts.<domain>` that has a policy,
 * serving `/.well-known/mta-sts.txt` by Host header (RFC 8461 §3.3); 404 for anything else.
 */
export async function startMtaSts(host: string, tls: { certPem: string; keyPem: string }, port = 443) {
  const requests: string[] = [];
  const server = createHttpsServer(
    { cert: tls.certPem, key: tls.keyPem, minVersion: 'TLSv1.2' },
    (req, res) => {
      const name = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      requests.push(`${req.method} https://${name}${req.url}`);
      const body = req.url === '/.well-known/mta-sts.txt' ? MTA_STS_POLICIES[name] : undefined;
      if (body === undefined || req.method !== 'GET') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'max-age=300' }).end(body);
    },
  );
  await listen(server, host, port);
  return {
    /** Every request seen, as `GET https://host/path`. */
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
