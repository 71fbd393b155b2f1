import type { ParseArgsConfig } from 'node:util';
import { auditVerifyCommand } from './audit-command.ts';
import { checklistHistoryCommand, checklistRunCommand } from './checklist-command.ts';
import { configCheckCommand } from './config-command.ts';
import { dbDiffCommand, dbMigrateCommand, dbPruneCommand } from './db-commands.ts';
import { mailtestCommand } from './mailtest-command.ts';
import { outboxCommand, outboxRetryCommand } from './outbox-command.ts';
import { serveCommand } from './serve-command.ts';
import { ticketCommand, ticketsCommand } from './ticket-commands.ts';

// The operator CLI's commands, described as data (STYLE.md 8): name, usage, options and a handler.

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * The process environment, handed to loadConfig (the reader of it, STYLE.md 13); locale.ts looks at
   * MAILOPS_DEFAULT_LOCALE only for lines printed without a configuration.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isTty: boolean;
  /**
   * Tells `listener` of the first Ctrl-C (SIGINT) or SIGTERM while a long command runs, and returns how to stop
   * listening. A second signal is the system's: it ends the process at once.
   */
  onInterrupt?(listener: () => void): () => void;
}

/** A text of src/i18n/catalog/cli.ts, rendered in the CLI's language when printed. */
export interface CatalogText {
  readonly key: string;
}

export interface CliArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

export interface CliCommand {
  /** The words an operator types; never translated. */
  readonly name: string;
  /** What follows the name in the usage line (`<number>`); absent when nothing does. */
  readonly args?: CatalogText;
  readonly summary: CatalogText;
  readonly options?: NonNullable<ParseArgsConfig['options']>;
  /** Reads words after its name (`ticket <number>`); a word given to a command without is refused. */
  readonly takesWords?: true;
  /** That refusal, when the generic one would not say enough; `{words}` is what was typed. */
  readonly unexpectedWords?: CatalogText;
  run(args: CliArgs, io: CliIo): Promise<number>;
}

export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  dbMigrateCommand,
  dbDiffCommand,
  dbPruneCommand,
  configCheckCommand,
  ticketsCommand,
  ticketCommand,
  mailtestCommand,
  checklistRunCommand,
  checklistHistoryCommand,
  auditVerifyCommand,
  // Before `outbox`: a command is matched by its first words, so the longer name must be tried first.
  outboxRetryCommand,
  outboxCommand,
];
