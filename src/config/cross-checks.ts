import type { Role } from '../../flows/types.ts';
import { type ConfigKey, type ConfigText, say } from './messages.ts';

// Rules that span several fields of the file (and the environment). Problems stop the start-up; warnings
// are printed and the service runs, because the SOP can still be followed. The checks read the raw YAML
// leniently, so they run even when the schema found other problems and everything is reported at once.

export interface CrossCheckResult {
  readonly problems: ConfigText[];
  readonly warnings: ConfigText[];
}

interface LoosePerson {
  readonly id?: string;
  readonly email?: string;
  readonly slack?: string;
  readonly teams?: string;
  readonly roles: readonly string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function loosePeople(root: Record<string, unknown>): LoosePerson[] | null {
  if (!Array.isArray(root.people)) return null;
  return root.people.map((p: unknown) =>
    isRecord(p)
      ? {
          id: str(p.id),
          email: str(p.email)?.toLowerCase(),
          slack: str(p.slack),
          teams: str(p.teams),
          roles: Array.isArray(p.roles) ? p.roles.filter((r) => typeof r === 'string') : [],
        }
      : { roles: [] },
  );
}

const DUPLICATE: Readonly<Record<'id' | 'slack' | 'teams' | 'email', ConfigKey>> = {
  id: 'config.duplicate.id',
  slack: 'config.duplicate.slack',
  teams: 'config.duplicate.teams',
  email: 'config.duplicate.email',
};

/** `people[3].slack: Slack user "U0ABC" is already used by people[1] (aminah)` per repeated value. */
function duplicates(people: LoosePerson[], field: keyof typeof DUPLICATE): ConfigText[] {
  const seen = new Map<string, number>();
  const out: ConfigText[] = [];
  people.forEach((person, index) => {
    const value = person[field];
    if (value === undefined) return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else
      out.push(
        say(DUPLICATE[field], {
          at: `people[${index}].${field}`,
          value,
          first: `people[${first}]`,
          owner: people[first]?.id ?? '?',
        }),
      );
  });
  return out;
}

const has = (people: LoosePerson[], role: Role) => people.some((p) => p.roles.includes(role));

function rolesProblems(people: LoosePerson[], root: Record<string, unknown>): ConfigText[] {
  const problems: ConfigText[] = [];
  if (!has(people, 'approver')) problems.push(say('config.roles.no_approver'));
  if (!has(people, 'soc')) problems.push(say('config.roles.no_soc'));
  const endorsement = isRecord(root.endorsement) ? root.endorsement.required : undefined;
  if ((endorsement === undefined || endorsement === true) && !has(people, 'manager')) {
    problems.push(say('config.roles.no_manager'));
  }
  return problems;
}

function rolesWarnings(people: LoosePerson[]): ConfigText[] {
  const warnings: ConfigText[] = [];
  for (const [role, key] of [
    ['service_desk', 'config.roles.no_service_desk'],
    ['vendor', 'config.roles.no_vendor'],
    ['admin', 'config.roles.no_admin'],
  ] as const) {
    if (!has(people, role)) warnings.push(say(key));
  }
  people.forEach((person, index) => {
    if (person.roles.includes('approver') && person.roles.includes('soc')) {
      warnings.push(
        say('config.roles.approver_and_soc', { at: `people[${index}].roles`, id: person.id ?? '?' }),
      );
    }
  });
  return warnings;
}

/** Business hours skip holidays; a stale list silently stretches or shrinks every SLA. */
function holidayWarning(root: Record<string, unknown>, now: Date): ConfigText[] {
  const calendar = isRecord(root.calendar) ? root.calendar : {};
  let year: string;
  try {
    year = new Intl.DateTimeFormat('en', {
      timeZone: str(calendar.time_zone) ?? 'Asia/Kuala_Lumpur',
      year: 'numeric',
    }).format(now);
  } catch {
    return [];
  }
  const holidays = Array.isArray(calendar.holidays) ? calendar.holidays : [];
  const current = holidays.some((h: unknown) => isRecord(h) && str(h.date)?.startsWith(year));
  return current ? [] : [say('config.calendar.no_holiday', { year })];
}

export function crossCheck(data: unknown, now: Date): CrossCheckResult {
  const root = isRecord(data) ? data : {};
  const people = loosePeople(root);
  const problems: ConfigText[] = [];
  const warnings: ConfigText[] = [];
  if (people) {
    problems.push(...duplicates(people, 'id'));
    problems.push(...duplicates(people, 'slack'));
    problems.push(...duplicates(people, 'teams'));
    problems.push(...rolesProblems(people, root));
    // A shared mailbox for two people is unusual but not wrong; notifications go to chat identities.
    warnings.push(...duplicates(people, 'email'));
    warnings.push(...rolesWarnings(people));
  }
  warnings.push(...holidayWarning(root, now));
  return { problems, warnings };
}
