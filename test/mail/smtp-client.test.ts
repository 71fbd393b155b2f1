import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SmtpClient } from '../../src/mail/smtp-client.ts';
import { SILENCE, type TestPki } from '../support/fake-smtp.ts';
import { HOST, TIMEOUTS, useSmtpProbeBed, verdicts } from './smtp-probe-bed.ts';

// The SMTP client under the probe (src/mail/smtp-client.ts), against fake servers: multi-line replies and
// QUIT, the HELO fallback, what it refuses to send, the local address it binds, and that it leaves nothing
// behind. What the probe judges with it is in smtp-probe.test.ts and smtp-probe-tls.test.ts.

const bed = useSmtpProbeBed();
const { fake, probe, withTls } = bed;
let pki: TestPki;
beforeAll(() => {
  ({ pki } = bed);
});

describe('the SMTP client', () => {
  it('reads multi-line replies and says QUIT at the end of every session', async () => {
    const server = await fake(withTls());
    const found = await probe(server);
    expect(found['smtp.size']!.verdict).toBe('pass');
    expect(server.commands.at(-1)).toBe('QUIT');
  });

  it('falls back to HELO when EHLO is not recognised (RFC 5321 §3.2), which offers neither STARTTLS nor SIZE', async () => {
    const reply = (c: string) =>
      c.startsWith('EHLO') ? '502 5.5.2 Error: command not recognized' : undefined;
    const server = await fake(withTls({ reply }));
    const found = await probe(server);
    expect(server.commands).toContain('HELO probe.mailops.test');
    expect(verdicts(found)).toMatchObject({
      'smtp.banner_name': 'pass',
      'smtp.starttls': 'fail',
      'smtp.size': 'warn',
      'smtp.relay': 'pass',
    });
  });

  it('refuses to send DATA, BDAT or a line carrying CR or LF', async () => {
    const server = await fake();
    const opened = await SmtpClient.open({ address: '127.0.0.1', port: server.port, timeouts: TIMEOUTS });
    if (!opened.ok) throw new Error(opened.detail);
    const { client } = opened.value;
    for (const line of ['DATA', 'BDAT 10 LAST', 'NOOP\r\nDATA']) {
      expect(await client.command(line)).toMatchObject({ ok: false, reason: 'error' });
    }
    expect(await client.command('NOOP')).toMatchObject({ ok: true });
    await client.close();
    expect(server.commands).toEqual(['NOOP', 'QUIT']);
  });

  it('connects from the local address it is given, so a test bed can stand outside mynetworks', async () => {
    const server = await fake();
    await probe(server, { localAddress: '127.0.0.2' });
    expect(server.peers).toEqual(['127.0.0.2']);
  });

  it('leaves no socket or timer behind: a process that probes exits by itself', async () => {
    const healthy = await fake(withTls());
    const silent = await fake({ banner: SILENCE });
    const dir = mkdtempSync(join(tmpdir(), 'mailops-probe-'));
    const script = join(dir, 'probe.ts');
    const probeModule = pathToFileURL(join(import.meta.dirname, '../../src/mail/smtp-probe.ts')).href;
    writeFileSync(
      script,
      `import { probeSmtp } from '${probeModule}';
const base = { address: '127.0.0.1', host: '${HOST}', heloName: 'probe.test', outsideSender: 'a@outside.test',
  outsideRecipient: 'b@outside.test', ca: ${JSON.stringify(pki.ca)} };
const one = await probeSmtp({ ...base, port: ${healthy.port} });
const two = await probeSmtp({ ...base, port: ${silent.port}, timeouts: { banner: 200, quit: 200 } });
console.log(JSON.stringify([...one, ...two].map((f) => f.verdict)));
`,
    );
    try {
      const started = Date.now();
      // The defaults are 5–30 s, so one leaked timer or socket keeps the process alive well past this limit.
      const { code, stdout } = await run(process.execPath, [script], 4_000);
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(JSON.parse(stdout)).toHaveLength(16);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 10_000);
});

function run(
  command: string,
  args: string[],
  limitMs: number,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}
