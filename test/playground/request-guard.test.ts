import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.ts';
import { createRequestGuard, type RequestGuardOptions } from '../../src/platform/playground/request-guard.ts';

// Which names the playground answers at, beyond what the integration suite reaches over loopback: a loopback
// name or an IP literal at any port (a wildcard listener reached by its address, a tunnel), which no rebound
// name can be, the names an operator lists for a reverse proxy, whose page's origin may be https, and an
// Origin that must be the Host's own.

function admits(
  options: Omit<RequestGuardOptions, 'logger'>,
  headers: Record<string, string>,
  socket: { localAddress: string; localPort: number } = { localAddress: '127.0.0.1', localPort: 3978 },
): number {
  let status = 0;
  const res = {
    writeHead: (code: number) => {
      status = code;
      return res;
    },
    end: () => res,
  } as unknown as ServerResponse;
  const req = { method: 'GET', url: '/playground/api/setup', headers, socket } as unknown as IncomingMessage;
  return createRequestGuard({ ...options, logger: createMemoryLogger() }).admits(req, res) ? 200 : status;
}

describe('the playground request guard', () => {
  it('answers a wildcard listener at the address the connection reached, IPv4 through a dual-stack socket too', () => {
    const lan = { localAddress: '192.168.1.20', localPort: 3978 };
    expect(admits({ listenHost: '0.0.0.0' }, { host: '192.168.1.20:3978' }, lan)).toBe(200);
    expect(admits({ listenHost: '0.0.0.0' }, { host: 'mybox.lan:3978' }, lan)).toBe(403);
    const mapped = { localAddress: '::ffff:192.168.1.20', localPort: 3978 };
    expect(admits({ listenHost: '::' }, { host: '192.168.1.20:3978' }, mapped)).toBe(200);
    const v6 = { localAddress: 'fd00::20', localPort: 3978 };
    expect(admits({ listenHost: '::' }, { host: '[fd00::20]:3978' }, v6)).toBe(200);
  });

  it('answers at the name HOST gives, and at a loopback name or an IP literal at any port, as a tunnel gives it', () => {
    const box = { localAddress: '192.168.1.20', localPort: 3978 };
    expect(admits({ listenHost: 'mybox.lan' }, { host: 'MyBox.lan:3978' }, box)).toBe(200);
    for (const host of ['localhost', 'localhost:39793', '127.0.0.1:39793', '[::1]:8080', '10.1.2.3:3978'])
      expect(admits({ listenHost: '127.0.0.1' }, { host }), host).toBe(200);
    for (const host of [
      '127.0.0.1.nip.io:3978',
      'localhost.evil.example:3978',
      '127.0.0.1:3978:1',
      '[evil]:3978',
    ])
      expect(admits({ listenHost: '127.0.0.1' }, { host }), host).toBe(403);
  });

  it("accepts an Origin only when it is the Host's own: same name and port, a missing port its scheme's", () => {
    const loopback = { listenHost: '127.0.0.1' };
    expect(admits(loopback, { host: 'localhost:39793', origin: 'http://localhost:39793' })).toBe(200);
    expect(admits(loopback, { host: '[::1]:3978', origin: 'http://[::1]:3978' })).toBe(200);
    expect(admits(loopback, { host: '127.0.0.1:3978', origin: 'http://localhost:5173' })).toBe(403);
    expect(admits(loopback, { host: 'localhost:3978', origin: 'http://localhost:5173' })).toBe(403);
    expect(admits(loopback, { host: 'localhost:3978', origin: 'http://127.0.0.1:3978' })).toBe(403);
    expect(admits(loopback, { host: 'localhost', origin: 'http://localhost:80' })).toBe(200);
    expect(admits(loopback, { host: 'localhost', origin: 'https://localhost:80' })).toBe(403);
  });

  it('answers at the names the operator lists, with their https origin, and at no name merely ending like one', () => {
    const proxied = { listenHost: '127.0.0.1', names: ['mailops.agensi.gov.my', 'lab.agensi.gov.my:8443'] };
    const host = 'mailops.agensi.gov.my';
    expect(admits(proxied, { host, origin: `https://${host}` })).toBe(200);
    expect(admits(proxied, { host: `${host}:443` })).toBe(200);
    expect(admits(proxied, { host: 'lab.agensi.gov.my:8443' })).toBe(200);
    expect(admits(proxied, { host: 'lab.agensi.gov.my:9000' })).toBe(403);
    expect(admits(proxied, { host: `evil-${host}` })).toBe(403);
    expect(admits(proxied, { host, origin: 'https://evil.example' })).toBe(403);
    expect(admits(proxied, { host, origin: `ftp://${host}` })).toBe(403);
  });
});
