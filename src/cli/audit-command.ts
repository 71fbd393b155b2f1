import { type AuditVerdict, verifyAuditChain } from '../tickets/audit-chain.ts';
import type { CatalogText, CliCommand } from './commands.ts';
import { cliLogger, configOrThrow, withDatabase } from './context.ts';

const REASONS: Record<Extract<AuditVerdict, { ok: false }>['reason'], CatalogText> = {
  hash_mismatch: { key: 'cli.audit.reason.hash_mismatch' },
  prev_hash_mismatch: { key: 'cli.audit.reason.prev_hash_mismatch' },
  gap: { key: 'cli.audit.reason.gap' },
  head_mismatch: { key: 'cli.audit.reason.head_mismatch' },
};

export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  summary: { key: 'cli.summary.audit_verify' },
  async run(_args, io) {
    const { config, text } = configOrThrow(io);
    const { t } = text;
    const verdict = await withDatabase(config, cliLogger(config), (db) => verifyAuditChain(db.prisma));
    if (verdict.ok) {
      io.out(t('cli.audit.intact', { count: verdict.checked, head: verdict.headHash }));
      return 0;
    }
    const reason = t(REASONS[verdict.reason].key);
    io.err(t('cli.audit.broken', { seq: String(verdict.brokenSeq), reason }));
    io.err(t('cli.audit.checked', { count: verdict.checked }));
    return 1;
  },
};
