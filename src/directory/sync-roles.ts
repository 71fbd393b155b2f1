import type { Role } from '../../flows/types.ts';
import type { Db } from '../db/types.ts';
import { appendAuditEvent } from '../tickets/audit-chain.ts';

// Records who holds which role according to the configuration file, and every change to it, in the
// database and the audit chain. The flows decide from the configuration itself; this is the history an
// auditor asks for ("who could approve on 3 March?", ISO/IEC 27001 A.5.18 access rights). Runs at start;
// an advisory lock keeps replicas starting together from recording a change twice.

export interface RoleHolder {
  readonly id: string;
  readonly roles: readonly Role[];
}

export async function syncConfigRoles(db: Db, people: readonly RoleHolder[], now: Date) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('mailops.sync-config-roles'))`;
    const current = await tx.roleAssignment.findMany({ where: { ticketId: null, source: 'config' } });
    const key = (person: string, role: string) => `${person}\u0000${role}`;
    const held = new Map(current.map((a) => [key(a.personId, a.role), a]));
    const wanted = new Set(people.flatMap((p) => p.roles.map((r) => key(p.id, r))));
    const granted: { person: string; role: string }[] = [];
    const revoked: { person: string; role: string }[] = [];
    for (const p of people) {
      for (const role of p.roles) {
        if (held.has(key(p.id, role))) continue;
        await tx.roleAssignment.create({ data: { role, personId: p.id, source: 'config', createdAt: now } });
        granted.push({ person: p.id, role });
      }
    }
    for (const [k, a] of held) {
      if (wanted.has(k)) continue;
      await tx.roleAssignment.delete({ where: { id: a.id } });
      revoked.push({ person: a.personId, role: a.role });
    }
    for (const [type, changes] of [
      ['role.granted', granted],
      ['role.revoked', revoked],
    ] as const) {
      for (const c of changes) {
        await appendAuditEvent(tx, { ticketId: null, type, actorId: 'config', at: now, data: c });
      }
    }
    return { granted, revoked };
  });
}
