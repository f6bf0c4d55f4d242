import type { DatabaseInfo } from '../../../common/foundation/contract';
import type { CliCommand } from '../command';

export const dbInfo: CliCommand = {
  words: ['db', 'info'],
  summary: 'Database path, schema version and row counts per table (reads beside a running desk).',
  usage: '',
  run: (ctx) => ctx.readDesk().dbInfo(),
  text: (info: DatabaseInfo) =>
    [
      `database        ${info.path}`,
      `schema version  ${info.schemaVersion} (this app: ${info.latestSchemaVersion})`,
      `journal mode    ${info.journalMode}`,
      ...info.tables.map((t) => `  ${t.name.padEnd(28)} ${String(t.rows).padStart(10)}`),
    ].join('\n'),
};
