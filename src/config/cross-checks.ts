import type { Role } from '../../flows/types.ts';

// Rules that span several fields of the file (and the environment). Problems stop the start-up; warnings
// are printed and the service runs, because the SOP can still be followed. The checks read the raw YAML
// leniently, so they run even when the schema found other problems and everything is reported at once.

export interface CrossCheckResult {
  readonly problems: string[];
  readonly warnings: string[];
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

/** `people[3].slack: Slack user "U0ABC" is already used by people[1] (aminah)` per repeated value. */
function duplicates(
  people: LoosePerson[],
  field: 'id' | 'slack' | 'teams' | 'email',
  what: string,
): string[] {
  const seen = new Map<string, number>();
  const out: string[] = [];
  people.forEach((person, index) => {
    const value = person[field];
    if (value === undefined) return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else
      out.push(
        `people[${index}].${field}: ${what} "${value}" is already used by people[${first}] (${people[first]?.id})`,
      );
  });
  return out;
}

const has = (people: LoosePerson[], role: Role) => people.some((p) => p.roles.includes(role));

function rolesProblems(people: LoosePerson[], root: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!has(people, 'approver')) {
    problems.push(
      'people: nobody has the approver role (MAMPU/JDN approves change requests, SOP 4.1 step 4)',
    );
  }
  if (!has(people, 'soc')) {
    problems.push(
      'people: nobody has the soc role (VAS SOC implements and investigates, SOP 4.1 step 7, 4.2 step 3)',
    );
  }
  const endorsement = isRecord(root.endorsement) ? root.endorsement.required : undefined;
  if ((endorsement === undefined || endorsement === true) && !has(people, 'manager')) {
    problems.push(
      'endorsement.required: is true but nobody has the manager role; add a manager or set it to false',
    );
  }
  return problems;
}

function rolesWarnings(people: LoosePerson[]): string[] {
  const warnings: string[] = [];
  for (const [role, why] of [
    ['service_desk', 'SLA escalations will reach only the service desk channel'],
    ['vendor', 'vendor escalations will reach only the vendor channel'],
    ['admin', 'nobody can change settings from chat'],
  ] as const) {
    if (!has(people, role)) warnings.push(`people: nobody has the ${role} role (${why})`);
  }
  people.forEach((person, index) => {
    if (person.roles.includes('approver') && person.roles.includes('soc')) {
      warnings.push(
        `people[${index}].roles: ${person.id} is both approver and soc; they will be refused as implementer ` +
          'of any request they approved (separation of duties)',
      );
    }
  });
  return warnings;
}

/** Business hours skip holidays; a stale list silently stretches or shrinks every SLA. */
function holidayWarning(root: Record<string, unknown>, now: Date): string[] {
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
  return current
    ? []
    : [`calendar.holidays: no holiday in ${year}; keep the list current from the federal gazette`];
}

export function crossCheck(data: unknown, now: Date): CrossCheckResult {
  const root = isRecord(data) ? data : {};
  const people = loosePeople(root);
  const problems: string[] = [];
  const warnings: string[] = [];
  if (people) {
    problems.push(...duplicates(people, 'id', 'id'));
    problems.push(...duplicates(people, 'slack', 'Slack user'));
    problems.push(...duplicates(people, 'teams', 'Teams user'));
    problems.push(...rolesProblems(people, root));
    // A shared mailbox for two people is unusual but not wrong; notifications go to chat identities.
    warnings.push(...duplicates(people, 'email', 'e-mail'));
    warnings.push(...rolesWarnings(people));
  }
  warnings.push(...holidayWarning(root, now));
  return { problems, warnings };
}
