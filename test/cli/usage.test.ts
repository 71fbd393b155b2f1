import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';
import { runCli } from '../../src/cli/main.ts';

// What an operator sees from `mailops` before any database is involved: usage, the variables table and
// the summary of the bundled demo configuration.

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env, isTty: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('mailops usage', () => {
  it('without arguments prints the usage and exits 2', async () => {
    const result = await cli([]);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/^Usage:/);
    expect(result.out).toContain('mailops serve');
  });

  it('with --help lists every command and exits 0', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    const expected = ['serve', 'db migrate', 'db diff', 'config check', 'tickets', 'ticket', 'audit verify'];
    expect(COMMANDS.map((c) => c.name).sort()).toEqual([...expected].sort());
    for (const name of expected) expect(result.out).toMatch(new RegExp(`^\\s+mailops ${name}\\b`, 'm'));
    for (const command of COMMANDS) expect(result.out).toContain(command.summary);
  });

  it('refuses an unknown command with the usage on stderr and exit 2', async () => {
    const result = await cli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown command "frobnicate"');
    expect(result.err).toContain('Usage:');
  });
});

describe('mailops config check --variables', () => {
  it('prints a table of the environment variables, needing no environment', async () => {
    const result = await cli(['config', 'check', '--variables']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Variable\s+Default\s+Meaning$/m);
    expect(result.out).toMatch(/^PORT\s+3000\s+TCP port/m);
    expect(result.out).toMatch(/^MAILOPS_DATA_DIR\s+\.\/data\s+/m);
    expect(result.out).toMatch(/^DATABASE_URL\s+-\s+.*\(secret\)$/m);
    expect(result.out).toMatch(/^MAILOPS_CONFIG\s+-\s+/m);
  });
});

describe('mailops config check', () => {
  it('with the bundled demo configuration exits 0, says it is the demo and shows who holds each role', async () => {
    const result = await cli(['config', 'check']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Configuration OK');
    expect(result.out).toContain('mailops.sample.yaml (bundled demo');
    expect(result.out).toContain('embedded PGlite');
    expect(result.out).toMatch(/^Role\s+People$/m);
    expect(result.out).toMatch(/^requester\s+aminah$/m);
    expect(result.out).toMatch(/^manager\s+rahman$/m);
    expect(result.out).toMatch(/^service_desk\s+farah$/m);
    expect(result.out).toMatch(/^approver\s+zulkifli, noraini$/m);
    expect(result.out).toMatch(/^soc\s+hafiz, syafiqah$/m);
    expect(result.out).toMatch(/^vendor\s+azlan$/m);
    expect(result.out).toMatch(/^admin\s+salmah$/m);
    expect(result.out).toMatch(/^local\s+approvals\s+approvals$/m);
    expect(result.err).toContain('warning: MAILOPS_CONFIG is not set');
  });
});

describe('mailops db diff', () => {
  it('without a migration name exits 1 and says how to call it', async () => {
    const result = await cli(['db', 'diff']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('db diff needs a name');
    expect(result.err).toContain('mailops db diff add sla notices');
    expect(result.err).toContain('[MO-CLI-001]');
    expect(result.out).toBe('');
  });
});
