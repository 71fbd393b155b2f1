import cron from 'node-cron';
import { z } from 'zod';
import { type ConfigKey, type ConfigText, say, zodMessage } from './messages.ts';

// Pieces the file's sections share (file-schema.ts, delivery-schema.ts), with their messages as catalog keys.

export const mustBeText = zodMessage('config.type.string');
export const text = z.string({ error: mustBeText }).trim().min(1, zodMessage('config.not_empty'));
export const oneOf = (values: readonly string[]) =>
  zodMessage('config.one_of', { values: values.join(', ') });

const CRON_FIELDS: Readonly<Record<string, ConfigKey>> = {
  second: 'config.cron.field.second',
  minute: 'config.cron.field.minute',
  hour: 'config.cron.field.hour',
  dayOfMonth: 'config.cron.field.dayOfMonth',
  month: 'config.cron.field.month',
  dayOfWeek: 'config.cron.field.dayOfWeek',
};

/** node-cron's reason in the catalog's words: it says which field is wrong, in English only. */
function cronReason(error: { field: string; value?: string; message: string }): ConfigText {
  const field = CRON_FIELDS[error.field];
  const count = /got (\d+)/.exec(error.message)?.[1];
  if (error.message.includes('impossible day'))
    return say('config.cron.impossible_day', { value: error.message.replace(/ is an impossible.*$/, '') });
  if (field) return say('config.cron.field', { value: error.value ?? '', field: say(field) });
  if (count) return say('config.cron.field_count', { count });
  return say('config.cron.characters');
}

export const cronSchema = z.string({ error: mustBeText }).superRefine((expression, ctx) => {
  const result = cron.validateDetailed(expression);
  if (!result.valid) {
    const reason = result.errors
      .map(cronReason)
      .reduce((first, second) => say('config.cron.and', { first, second }));
    ctx.addIssue({ code: 'custom', message: zodMessage('config.cron', { expression, reason }) });
  }
});
