import { runCli } from '../../src/cli/main.ts';

// The operator CLI as an operator runs it, in this process: what it printed on each stream and its exit code.
// The log stays at errors so that a report's lines are the output.

export const EN = { MAILOPS_DEFAULT_LOCALE: 'en' };

export async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { MAILOPS_LOG_LEVEL: 'error', ...env },
    isTty: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
