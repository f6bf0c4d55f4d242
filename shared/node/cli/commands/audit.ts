import type { AuditVerification } from '../../audit/auditLog';
import type { CliCommand } from '../command';

export const auditVerify: CliCommand = {
  words: ['audit', 'verify'],
  summary: 'Check the audit log: its keyed chain and its head kept outside the database; names the first broken entry (reads beside a running desk).',
  usage: '',
  run: (ctx) => ctx.readDesk().audit.verify(),
  text: (v: AuditVerification) =>
    v.ok
      ? [
          `audit log intact: ${v.entries} entries${v.head ? `, up to the head recorded outside the database (entry ${v.head.seq})` : ''}`,
          v.unkeyed ? `  ${v.unkeyed} of them are unkeyed (plain SHA-256): written before the chain was keyed, or by a CLI command run without the desk key.` : '',
        ]
          .filter(Boolean)
          .join('\n')
      : `audit log BROKEN at entry ${v.firstBroken.seq}: ${v.firstBroken.reason}`,
  exitCode: (v: AuditVerification) => (v.ok ? 0 : 1),
};
