import { isIP } from 'node:net';

// The address forms the configuration and the CLI take, checked as node's resolver and BlockList will read
// them, so a slip ("10.0.0.0/99", "999.1.1.1:70000") is refused when the configuration is read instead of
// failing every /mailtest later with a bare node error.

const BRACKETED = /^\[([^\]]+)\](?::(\d{1,5}))?$/;
const WITH_PORT = /^([^:]+):(\d{1,5})$/;

const isPort = (digits: string | undefined) =>
  digits === undefined || (Number(digits) >= 1 && Number(digits) <= 65_535);

/** A resolver as `dns.Resolver#setServers` takes it: `10.0.0.53`, `127.0.0.1:5353`, `::1`, `[::1]:5353`. */
export function isDnsServer(value: string): boolean {
  const bracketed = BRACKETED.exec(value);
  if (bracketed) return isIP(bracketed[1] ?? '') === 6 && isPort(bracketed[2]);
  if (isIP(value) !== 0) return true;
  const withPort = WITH_PORT.exec(value);
  return withPort !== null && isIP(withPort[1] ?? '') === 4 && isPort(withPort[2]);
}

/** An address block in CIDR notation: `10.20.0.0/16`, `fd00::/8`. */
export function isAddressBlock(value: string): boolean {
  const [net = '', bits, ...rest] = value.split('/');
  const family = isIP(net);
  if (family === 0 || bits === undefined || rest.length > 0 || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}
