import { describe, expect, it } from 'vitest';
import { createLogger, createMemoryLogger } from '../src/log.ts';

// What lands in the operator's log: one JSON object per line, nothing below the configured level, and no
// secret even when a caller passes one by mistake.

function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
  const lines: string[] = [];
  const logger = createLogger({ ...(level ? { level } : {}), write: (line) => lines.push(line) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('log lines', () => {
  it('are one JSON object per line, with the level, the message and the fields', () => {
    const { logger, lines, parsed } = capture();
    logger.info('database opened', { kind: 'pglite', attempts: 2 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(parsed()[0]).toMatchObject({ level: 'info', msg: 'database opened', kind: 'pglite', attempts: 2 });
  });

  it('carry an ISO timestamp', () => {
    const { logger, parsed } = capture();
    logger.warn('slow');
    expect(parsed()[0]?.t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('carry the fields of a child logger on every line', () => {
    const { logger, parsed } = capture();
    logger.child({ instance: 'desk1-42' }).error('delivery failed', { platform: 'slack' });
    expect(parsed()[0]).toMatchObject({ level: 'error', instance: 'desk1-42', platform: 'slack' });
  });
});

describe('log levels', () => {
  it('write nothing below the configured level', () => {
    const { logger, parsed } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(parsed().map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'w'],
      ['error', 'e'],
    ]);
  });

  it('default to info, so debug lines are not written', () => {
    const { logger, parsed } = capture();
    logger.debug('d');
    logger.info('i');
    expect(parsed().map((l) => l.msg)).toEqual(['i']);
  });

  it('keep the level in a child logger', () => {
    const { logger, lines } = capture('error');
    logger.child({ component: 'outbox' }).warn('w');
    expect(lines).toEqual([]);
  });
});

describe('secrets in log fields', () => {
  it('are masked when the key names a token, secret, password, authorization or database URL', () => {
    const { logger, lines, parsed } = capture();
    logger.info('starting', {
      token: 'xoxb-111-222-abc',
      slackBotToken: 'xoxb-333-444-def',
      signingSecret: 'sign-me-123',
      password: 'hunter2',
      Authorization: 'Bearer eyJhbGciOi',
      databaseUrl: 'postgresql://mailops:s3cretpw@db:5432/mailops',
      port: 3000,
    });
    const line = lines[0] ?? '';
    for (const secret of [
      'xoxb-111-222-abc',
      'xoxb-333-444-def',
      'sign-me-123',
      'hunter2',
      'eyJhbGciOi',
      's3cretpw',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(parsed()[0]).toMatchObject({
      token: '***',
      slackBotToken: '***',
      signingSecret: '***',
      password: '***',
      Authorization: '***',
      databaseUrl: '***',
      port: 3000,
    });
  });

  it('are masked when they come from a child logger', () => {
    const { logger, lines } = capture();
    logger.child({ appToken: 'xapp-1-secret' }).info('socket mode');
    expect(lines[0]).not.toContain('xapp-1-secret');
  });
});

describe('secrets in any spelling or depth', () => {
  it('are masked as environment-variable names and inside nested objects and arrays', () => {
    const { lines } = (() => {
      const c = capture();
      c.logger.info('start', {
        DATABASE_URL: 'postgresql://mailops:s3cretpw@db:5432/mailops',
        connection_string: 'postgresql://u:pw2@db/x',
        config: { slack: { token: 'xoxb-nested' } },
        headers: [{ Authorization: 'Bearer abc' }],
      });
      return c;
    })();
    for (const secret of ['s3cretpw', 'pw2@db', 'xoxb-nested', 'Bearer abc'])
      expect(lines[0]).not.toContain(secret);
  });

  it('keeps nested errors as name and message, and a field cannot replace the level or message', () => {
    const { logger, parsed } = capture();
    logger.info('real', { ctx: { error: new Error('boom') }, level: 'debug', msg: 'fake' });
    expect(parsed()[0]).toMatchObject({
      level: 'info',
      msg: 'real',
      ctx: { error: { name: 'Error', message: 'boom' } },
    });
  });
});

describe('errors in log fields', () => {
  it('are written as their name and message only, without the stack', () => {
    const { logger, lines, parsed } = capture();
    const error = new TypeError('cannot read the card');
    logger.error('request failed', { error });
    expect(parsed()[0]?.error).toEqual({ name: 'TypeError', message: 'cannot read the card' });
    expect(lines[0]).not.toContain('at ');
  });
});

describe('createMemoryLogger', () => {
  it('keeps every line, debug included, for tests to read', () => {
    const logger = createMemoryLogger();
    logger.debug('d');
    logger.child({ a: 1 }).info('i');
    expect(logger.lines.map((l) => JSON.parse(l).msg)).toEqual(['d', 'i']);
  });
});
