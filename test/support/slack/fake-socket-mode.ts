import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { WORKSPACE } from './workspace.ts';

// Slack's Socket Mode end on 127.0.0.1 (https://docs.slack.dev/apis/events-api/using-socket-mode). The
// fake Web API's apps.connections.open hands out issueUrl(): a single-use ws:// URL with a ticket, as
// Slack's wss://…/link/?ticket=…&app_id=… is. On connect the server sends `hello` before anything else;
// payloads travel in envelopes {envelope_id, type, payload, accepts_response_payload} and each needs an
// ack {envelope_id, payload?} on the same socket; `disconnect` asks the client to reconnect elsewhere.

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
  afterMs: number;
}

export interface SocketTraffic {
  direction: 'sent' | 'received';
  at: number;
  message: unknown;
}

export interface DeliverOptions {
  acceptsResponsePayload?: boolean;
  // Slack's own window is 3 s; a missing ack rejects the promise.
  ackTimeoutMs?: number;
  retryAttempt?: number;
  retryReason?: string;
}

export async function startFakeSocketMode() {
  const tickets = new Set<string>();
  const sockets = new Set<WebSocket>();
  const traffic: SocketTraffic[] = [];
  const acks = new Map<string, (ack: { envelope_id: string; payload?: unknown }) => void>();
  let connections = 0;
  const connectionWaiters: Array<{ count: number; resolve: () => void }> = [];

  const http = createServer((_req, res) => res.writeHead(426).end());
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const origin = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;

  function sendTo(ws: WebSocket, message: object) {
    traffic.push({ direction: 'sent', at: Date.now(), message });
    ws.send(JSON.stringify(message));
  }

  function accept(ws: WebSocket) {
    sockets.add(ws);
    connections += 1;
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      let message: unknown;
      try {
        message = JSON.parse(String(data));
      } catch {
        message = String(data);
      }
      traffic.push({ direction: 'received', at: Date.now(), message });
      const envelopeId = (message as { envelope_id?: unknown } | null)?.envelope_id;
      if (typeof envelopeId === 'string') acks.get(envelopeId)?.(message as { envelope_id: string });
    });
    sendTo(ws, {
      type: 'hello',
      num_connections: sockets.size,
      debug_info: { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: WORKSPACE.appId },
    });
    for (const waiter of connectionWaiters.filter((w) => connections >= w.count)) {
      connectionWaiters.splice(connectionWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  // Slack picks any open connection; the newest is the one a reconnected client uses.
  function newestSocket() {
    const socket = [...sockets].at(-1);
    if (!socket) throw new Error('no Socket Mode client is connected');
    return socket;
  }

  return {
    issueUrl() {
      const ticket = randomUUID();
      tickets.add(ticket);
      return `${origin}/link/?ticket=${ticket}&app_id=${WORKSPACE.appId}`;
    },
    traffic,
    get openConnections() {
      return sockets.size;
    },
    // Resolves once `count` connections have been accepted since start (hello sent).
    waitForConnections(count: number, timeoutMs = 5000) {
      if (connections >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${connections} of ${count} connections`)),
          timeoutMs,
        );
        connectionWaiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    deliver(type: EnvelopeType, payload: object, options: DeliverOptions = {}): Promise<SocketAck> {
      const envelope_id = randomUUID();
      const sentAt = Date.now();
      const timeoutMs = options.ackTimeoutMs ?? 3000;
      const acked = new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          acks.delete(envelope_id);
          reject(new Error(`no ack for ${type} envelope ${envelope_id} within ${timeoutMs} ms`));
        }, timeoutMs);
        acks.set(envelope_id, (ack) => {
          clearTimeout(timer);
          acks.delete(envelope_id);
          resolve({ ...ack, afterMs: Date.now() - sentAt });
        });
      });
      sendTo(newestSocket(), {
        envelope_id,
        type,
        payload,
        accepts_response_payload: options.acceptsResponsePayload ?? type !== 'events_api',
        ...(type === 'events_api'
          ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' }
          : {}),
      });
      return acked;
    },
    // reason: 'warning' (about 10 s before), 'refresh_requested', or 'link_disabled' (Socket Mode turned off).
    disconnect(reason: 'warning' | 'refresh_requested' | 'link_disabled' = 'refresh_requested') {
      sendTo(newestSocket(), { type: 'disconnect', reason, debug_info: { host: 'applink-fake-1' } });
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

export type FakeSocketMode = Awaited<ReturnType<typeof startFakeSocketMode>>;
