import { expect, it } from 'vitest';
import { syncConfigRoles } from '../../src/directory/sync-roles.ts';
import { verifyAuditChain } from '../../src/tickets/audit-chain.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';

describeEachDatabase('role assignments from the configuration', (suite) => {
  const db = useTestDatabase(() => suite.create());

  it('records grants and revocations once each, in the audit chain, and nothing when unchanged', async () => {
    const at = new Date('2026-03-02T01:00:00Z');
    const first = await syncConfigRoles(
      db().prisma,
      [
        { id: 'zulkifli', roles: ['approver'] },
        { id: 'hafiz', roles: ['soc', 'service_desk'] },
      ],
      at,
    );
    expect(first.granted).toHaveLength(3);
    expect(
      await syncConfigRoles(
        db().prisma,
        [
          { id: 'zulkifli', roles: ['approver'] },
          { id: 'hafiz', roles: ['soc', 'service_desk'] },
        ],
        at,
      ),
    ).toEqual({
      granted: [],
      revoked: [],
    });
    // Hafiz leaves the desk; Noraini becomes an approver.
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        syncConfigRoles(
          db().prisma,
          [
            { id: 'zulkifli', roles: ['approver'] },
            { id: 'hafiz', roles: ['soc'] },
            { id: 'noraini', roles: ['approver'] },
          ],
          new Date('2026-03-03T01:00:00Z'),
        ),
      ),
    );
    const changes = [a, b].map((r) => (r ? r.granted.length + r.revoked.length : 0)).sort();
    expect(changes).toEqual([0, 2]);
    const holders = await db().prisma.roleAssignment.findMany({
      where: { ticketId: null },
      orderBy: { personId: 'asc' },
    });
    expect(holders.map((h) => `${h.personId}:${h.role}`).sort()).toEqual([
      'hafiz:soc',
      'noraini:approver',
      'zulkifli:approver',
    ]);
    const events = await db().prisma.auditEvent.findMany({
      where: { type: { startsWith: 'role.' } },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['role.granted', { person: 'zulkifli', role: 'approver' }],
      ['role.granted', { person: 'hafiz', role: 'soc' }],
      ['role.granted', { person: 'hafiz', role: 'service_desk' }],
      ['role.granted', { person: 'noraini', role: 'approver' }],
      ['role.revoked', { person: 'hafiz', role: 'service_desk' }],
    ]);
    expect((await verifyAuditChain(db().prisma)).ok).toBe(true);
  });
});
