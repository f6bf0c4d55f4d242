import type { AuditVerification } from '../../audit/auditLog';
import type { CliCommand } from '../command';

export const auditVerify: CliCommand = {
  words: ['audit', 'verify'],
  summary: 'Check the audit log hash chain; names the first broken entry.',
  usage: '',
  run: (ctx) => ctx.desk().audit.verify(),
  text: (v: AuditVerification) =>
    v.ok ? `audit log intact: ${v.entries} entries` : `audit log BROKEN at entry ${v.firstBroken.seq}: ${v.firstBroken.reason}`,
  exitCode: (v: AuditVerification) => (v.ok ? 0 : 1),
};
