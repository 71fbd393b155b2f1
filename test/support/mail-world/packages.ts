import { execFile } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';

// Debian packages the mail world runs (TESTBED.md): installed once per machine, only when missing. The install
// line never names openssl or ca-certificates (it would upgrade them and run slow triggers), Postfix is preseeded
// to "No configuration" (it then writes no main.cf) and man-db's trigger is turned off; a policy-rc.d that exits
// 101 keeps the packages' postinst from starting daemons through init scripts.

const run = promisify(execFile);

const PRESEED = [
  'postfix postfix/main_mailer_type select No configuration',
  'postfix postfix/mailname string localhost',
  'man-db man-db/auto-update boolean false',
].join('\n');

const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/** The packages of `names` dpkg does not list as installed. */
export async function missingPackages(names: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const name of names) {
    const status = await run('dpkg-query', ['-W', `-f=\${db:Status-Abbrev}`, name]).then(
      (r) => r.stdout,
      () => '',
    );
    if (!status.startsWith('ii')) missing.push(name);
  }
  return missing;
}

/**
 * Installs the packages of `names` that are missing (apt-get, as root). Returns the ones it installed; throws an
 * Error naming the packages and apt-get's last output lines when it cannot.
 */
export async function ensurePackages(names: readonly string[]): Promise<string[]> {
  const missing = await missingPackages(names);
  if (missing.length === 0) return [];
  const what = `the mail test world needs the Debian packages ${missing.join(', ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${what}; run as root or install them: apt-get install --no-install-recommends ${missing.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', DEBCONF_NONINTERACTIVE_SEEN: 'true' };
  const ownPolicy = !existsSync(POLICY_RC_D);
  if (ownPolicy) writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    await step(what, 'debconf-set-selections', [], env, PRESEED);
    await step(what, 'apt-get', ['-q', '-o', 'DPkg::Lock::Timeout=180', 'update'], env);
    await step(
      what,
      'apt-get',
      ['-q', '-y', '-o', 'DPkg::Lock::Timeout=180', 'install', '--no-install-recommends', ...missing],
      env,
    );
  } finally {
    if (ownPolicy) rmSync(POLICY_RC_D, { force: true });
  }
  const still = await missingPackages(missing);
  if (still.length > 0)
    throw new Error(`${what}; apt-get finished but ${still.join(', ')} is still not installed`);
  return missing;
}

async function step(what: string, command: string, args: string[], env: NodeJS.ProcessEnv, input?: string) {
  try {
    const child = run(command, args, { env, maxBuffer: 64 * 1024 * 1024, timeout: 280_000 });
    if (input !== undefined) {
      child.child.stdin?.end(input);
    } else {
      child.child.stdin?.end();
    }
    await child;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    const tail = `${e.stdout ?? ''}\n${e.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${what}, but \`${command} ${args.join(' ')}\` failed: ${e.message}\n${tail}`);
  }
}
