import { verifyAuditChain } from '../tickets/audit-chain.ts';
import type { CliCommand } from './commands.ts';
import { cliLogger, configOrThrow, withDatabase } from './context.ts';

const REASONS = {
  hash_mismatch: 'its content does not match its hash (the row was edited)',
  prev_hash_mismatch: 'it does not chain to the event before it (a row was edited, inserted or reordered)',
  gap: 'the event with this sequence number is missing (a row was deleted)',
  head_mismatch: 'the chain ends before the recorded head (events at the end were deleted)',
} as const;

export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  usage: 'audit verify',
  summary: 'walk the audit hash chain; exit 1 and name the first broken event',
  async run(_args, io) {
    const { config } = configOrThrow(io);
    const verdict = await withDatabase(config, cliLogger(config), (db) => verifyAuditChain(db.prisma));
    if (verdict.ok) {
      io.out(`Audit chain intact: ${verdict.checked} events, head ${verdict.headHash}`);
      return 0;
    }
    io.err(`Audit chain BROKEN at event #${verdict.brokenSeq}: ${REASONS[verdict.reason]}.`);
    io.err(`${verdict.checked} events before it verified.`);
    return 1;
  },
};
