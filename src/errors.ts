// One catalog of coded errors (STYLE.md 15). Expected outcomes (a refusal, an SMTP 550, a timeout) are
// results, not exceptions; these are for faults an operator must act on. Messages say what to do and
// never carry secrets (connection strings are redacted before they reach a message).

export const ERROR_CODES = {
  CONFIG_INVALID: 'MO-CFG-001',
  DB_UNREACHABLE: 'MO-DB-001',
  DB_MIGRATION_FAILED: 'MO-DB-002',
  DB_SCHEMA_DRIFT: 'MO-DB-003',
  PGLITE_START_FAILED: 'MO-DB-004',
  DB_NOT_MIGRATED: 'MO-DB-005',
  TICKET_NOT_FOUND: 'MO-TKT-001',
  AUDIT_CHAIN_BROKEN: 'MO-AUD-001',
  PLATFORM_DELIVERY_FAILED: 'MO-OUT-001',
  PLATFORM_UNKNOWN: 'MO-OUT-002',
  SCHEDULER_TASK_FAILED: 'MO-SCH-001',
  SLACK_AUTH_FAILED: 'MO-SLK-001',
  CLI_USAGE: 'MO-CLI-001',
  SERVER_LISTEN_FAILED: 'MO-HTTP-001',
  INTERNAL: 'MO-INT-001',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class MailopsError extends Error {
  readonly code: ErrorCode;
  /** What the operator should do next; printed by the CLI and the HTTP error boundary. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MailopsError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isMailopsError(error: unknown): error is MailopsError {
  return error instanceof MailopsError;
}

// libpq, and node-postgres after it, also take the password (and a client key's passphrase) from the query
// string: `?password=…`, `?sslpassword=…`.
const SECRET_PARAMETER = /pass|secret|token/i;

/** Removes every password from a connection string so it can appear in a message or a log line. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const name of [...parsed.searchParams.keys()])
      if (SECRET_PARAMETER.test(name)) parsed.searchParams.set(name, '***');
    return parsed.toString();
  } catch {
    return '(unparseable connection string)';
  }
}
