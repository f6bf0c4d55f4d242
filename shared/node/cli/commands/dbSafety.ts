import { openDatabase } from '../../db/database';
import { backupIfDue, checkIntegrity, listBackups, recoverDatabase } from '../../db/safety';
import { BackupKeepDays } from '../../host/desk';
import { UsageError, type CliCommand } from '../command';

type Check = { path: string; ok: boolean; problems: string[] };

export const dbCheck: CliCommand = {
  words: ['db', 'check'],
  summary: 'Full integrity check of the database file (PRAGMA integrity_check and foreign keys).',
  usage: '',
  run: (ctx): Check => {
    const db = openDatabase(ctx.dbPath, { migrate: false });
    try {
      const problems = checkIntegrity(db, 'full');
      return { path: ctx.dbPath, ok: problems.length === 0, problems };
    } finally {
      db.close();
    }
  },
  text: (c: Check) => (c.ok ? `${c.path}: ok` : `${c.path}: DAMAGED\n${c.problems.map((p) => `  ${p}`).join('\n')}`),
  exitCode: (c: Check) => (c.ok ? 0 : 1),
};

type Backup = { written: string | null; backups: { file: string; day: string; bytes: number }[] };

export const dbBackup: CliCommand = {
  words: ['db', 'backup'],
  summary: "Make today's backup now if there is none (the app does this daily) and list the backups kept.",
  usage: '',
  run: async (ctx): Promise<Backup> => {
    const desk = ctx.desk();
    const written = await backupIfDue(desk.db, ctx.dbPath, ctx.clock, desk.settings.get('db.backupKeepDays', BackupKeepDays, 7));
    return { written, backups: listBackups(ctx.dbPath) };
  },
  text: (b: Backup) => [b.written ? `wrote ${b.written}` : "today's backup already exists", ...b.backups.map((x) => `  ${x.day}  ${x.file}`)].join('\n'),
};

type Recovered = { movedAside: string[]; restoredFrom: string | null; schemaVersion: number; ok: boolean };

export const dbRecover: CliCommand = {
  words: ['db', 'recover'],
  summary: 'Move a damaged database aside and restore the newest backup (or --backup <file>, or start --empty).',
  usage: '[--backup <file> | --empty]',
  options: { backup: { type: 'string' }, empty: { type: 'boolean', default: false } },
  run: (ctx): Recovered => {
    if (ctx.values.empty && ctx.values.backup) throw new UsageError('Choose --backup <file> or --empty, not both.');
    const from = ctx.values.empty ? null : typeof ctx.values.backup === 'string' ? ctx.values.backup : (listBackups(ctx.dbPath)[0]?.file ?? undefined);
    if (from === undefined) throw new UsageError('There is no backup to restore. Use --empty to move the damaged file aside and start with an empty database.');
    const r = recoverDatabase(ctx.dbPath, ctx.clock, from);
    const db = openDatabase(ctx.dbPath);
    try {
      const problems = checkIntegrity(db, 'full');
      return { ...r, schemaVersion: db.pragma('user_version', { simple: true }) as number, ok: problems.length === 0 };
    } finally {
      db.close();
    }
  },
  text: (r: Recovered) =>
    [...r.movedAside.map((f) => `moved aside: ${f}`), r.restoredFrom ? `restored from ${r.restoredFrom}` : 'started with an empty database', `integrity: ${r.ok ? 'ok' : 'PROBLEMS'}`].join('\n'),
  exitCode: (r: Recovered) => (r.ok ? 0 : 1),
};
