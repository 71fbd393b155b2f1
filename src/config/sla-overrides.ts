import { z } from 'zod';
import { SLA_STATES, type SlaPolicy, type SlaRule, type SlaTarget } from '../../flows/sla.ts';
import type { TicketKind } from '../../flows/types.ts';
import { zodMessage as m } from './messages.ts';
import { oneOf } from './schema-parts.ts';

// `sla:` in the configuration file: per ticket kind and waiting state, any field of the flows/sla.ts
// default may be changed, or the state's SLA switched off with `enabled: false`. Who is reminded is not
// configurable: it is whoever the SOP says must act. Durations are business time, "4h", "30m", "1h30m"
// or a number of minutes; days are not accepted because a "business day" depends on the calendar.

const DURATION = /^(?:(\d+)h)?\s*(?:(\d+)m)?$/;

// About a year of working days. A longer wait is a typing slip (40000h for 40h), and the business calendar
// gives up on a deadline it cannot place within ten years, which would fail every decision entering the state.
const MAX_HOURS = 2000;

function minutes(min: number) {
  const shape = m('config.sla.duration');
  return z.union([z.number(), z.string()], { error: shape }).transform((value, ctx) => {
    const parsed = typeof value === 'number' ? value : parseDuration(value);
    if (parsed === null || !Number.isInteger(parsed)) ctx.addIssue({ code: 'custom', message: shape });
    else if (parsed < min) ctx.addIssue({ code: 'custom', message: m('config.sla.at_least', { min }) });
    else if (parsed > MAX_HOURS * 60)
      ctx.addIssue({ code: 'custom', message: m('config.sla.at_most', { max: MAX_HOURS }) });
    else return parsed;
    return z.NEVER;
  });
}

function parseDuration(value: string): number | null {
  const match = DURATION.exec(value.trim());
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

const ESCALATION_TARGETS = ['service_desk', 'approver', 'soc', 'vendor', 'admin', 'announcements'] as const;
const count = z
  .int({ error: m('config.sla.count') })
  .min(0, m('config.sla.count_range'))
  .max(20, m('config.sla.count_range'));

const ruleOverride = z.strictObject({
  enabled: z.boolean({ error: m('config.type.boolean') }).optional(),
  wait: minutes(0).optional(),
  remind_every: minutes(1).optional(),
  max_reminders: count.optional(),
  escalate_after: minutes(0).optional(),
  escalate_to: z
    .array(z.enum(ESCALATION_TARGETS, { error: oneOf(ESCALATION_TARGETS) }))
    .min(1, m('config.roles.at_least_one'))
    .optional(),
  escalate_every: minutes(1).optional(),
  max_escalations: count.optional(),
});
type RuleOverride = z.output<typeof ruleOverride>;

const statesOf = <S extends string>(states: readonly S[]) =>
  z.strictObject(
    Object.fromEntries(states.map((s) => [s, ruleOverride.optional()])) as Record<
      S,
      z.ZodOptional<typeof ruleOverride>
    >,
  );

export const slaOverridesSchema = z.strictObject({
  change_request: statesOf(SLA_STATES.change_request).optional(),
  complaint: statesOf(SLA_STATES.complaint).optional(),
});
export type SlaOverrides = z.output<typeof slaOverridesSchema>;

function target(name: (typeof ESCALATION_TARGETS)[number]): SlaTarget {
  return name === 'announcements' ? { channel: 'announcements' } : { role: name };
}

function applyRule(base: SlaRule | undefined, o: RuleOverride): SlaRule | undefined {
  if (o.enabled === false || !base) return undefined;
  return {
    waitMinutes: o.wait ?? base.waitMinutes,
    remind: base.remind,
    remindEveryMinutes: o.remind_every ?? base.remindEveryMinutes,
    maxReminders: o.max_reminders ?? base.maxReminders,
    escalateAfterMinutes: o.escalate_after ?? base.escalateAfterMinutes,
    escalateTo: o.escalate_to?.map(target) ?? base.escalateTo,
    escalateEveryMinutes: o.escalate_every ?? base.escalateEveryMinutes,
    maxEscalations: o.max_escalations ?? base.maxEscalations,
  };
}

/** The policy with the file's overrides applied; `base` is normally DEFAULT_SLA_POLICY. */
export function applySlaOverrides(base: SlaPolicy, overrides: SlaOverrides): SlaPolicy {
  const kind = <K extends TicketKind>(k: K): SlaPolicy[K] => {
    const rules: Record<string, SlaRule | undefined> = { ...base[k] };
    for (const [state, o] of Object.entries(overrides[k] ?? {})) {
      if (!o) continue;
      const next = applyRule(rules[state], o as RuleOverride);
      if (next) rules[state] = next;
      else delete rules[state];
    }
    return rules as SlaPolicy[K];
  };
  return { change_request: kind('change_request'), complaint: kind('complaint') };
}
