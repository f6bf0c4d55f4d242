import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DeskError } from '../../../common/errors';
import { openDatabase, type Database } from '../../db/database';
import { acquireDeskLock } from '../../db/deskLock';
import {
  backupIfDue,
  checkIntegrity,
  chooseBackup,
  CorruptDatabaseError,
  describeDamage,
  isCorruptionError,
  listBackups,
  measureLoss,
  rebuildDamaged,
  recoverDatabase,
  type BackupFile,
  type Damage,
  type Loss,
} from '../../db/safety';
import { backupKeep, openDesk } from '../../host/desk';
import { createLogger } from '../../log';
import { UsageError, type CliCommand, type CliContext } from '../command';

type Check = { path: string; ok: boolean; problems: string[]; damage: Damage | null };

/** The app's own start on the file (the lock is already held by the caller); its refusal, if it refuses. */
function startCheck(ctx: CliContext): { problems: string[]; damage: Damage | null } | null {
  try {
    openDesk({
      dbPath: ctx.dbPath,
      host: 'web',
      clock: ctx.clock,
      env: ctx.env,
      log: createLogger({ level: 'error' }),
      lock: false,
      backups: false,
      integrityCheck: true,
      auditHead: null,
    }).close();
    return null;
  } catch (error) {
    if (error instanceof CorruptDatabaseError) return { problems: error.problems, damage: error.damage };
    if (isCorruptionError(error)) return { problems: [error instanceof Error ? error.message : String(error)], damage: null };
    throw error;
  }
}

/** A file to read without ever writing to it (it may be held by a running desk). */
function openForReading(file: string): Database {
  if (!fs.existsSync(file)) throw new DeskError('not_found', `There is no database at ${file}.`);
  return new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: 1000 });
}

/** The full check of a file, as problems (an unreadable file is one problem). */
function healthOf(file: string): { problems: string[]; damage: Damage | null } {
  let db: Database | undefined;
  try {
    db = openForReading(file);
    const problems = checkIntegrity(db, 'full');
    // integrity_check reads the b-trees, not every record: a flipped byte in a row's header can pass it
    // and still stop the desk when the row is read. Every row of every table is read here too.
    if (!problems.length) problems.push(...unreadableRows(db));
    return { problems, damage: problems.length ? describeDamage(db, problems) : null };
  } catch (error) {
    if (error instanceof DeskError) throw error;
    if (isCorruptionError(error)) return { problems: [error instanceof Error ? error.message : String(error)], damage: null };
    throw error;
  } finally {
    db?.close();
  }
}

function unreadableRows(db: Database): string[] {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  const out: string[] = [];
  for (const t of tables) {
    try {
      for (const _ of db
        .prepare(`SELECT * FROM "${t.replaceAll('"', '""')}"`)
        .raw()
        .iterate())
        void _;
    } catch (error) {
      if (!isCorruptionError(error)) throw error;
      out.push(`rows of ${t} cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return out;
}

export const dbCheck: CliCommand = {
  words: ['db', 'check'],
  summary: 'Full integrity check of the database file (PRAGMA integrity_check and foreign keys); reads beside a running desk.',
  usage: '',
  run: (ctx): Check => {
    const h = healthOf(ctx.dbPath);
    return { path: ctx.dbPath, ok: h.problems.length === 0, problems: h.problems, damage: h.damage };
  },
  text: (c: Check) =>
    c.ok
      ? `${c.path}: ok`
      : [
          `${c.path}: DAMAGED`,
          ...c.problems.slice(0, 20).map((p) => `  ${p}`),
          c.damage?.rebuildable ? `Only rebuildable data is damaged (${c.damage.objects.join(', ')}): run db recover --rebuild.` : '',
        ]
          .filter(Boolean)
          .join('\n'),
  exitCode: (c: Check) => (c.ok ? 0 : 1),
};

type Backup = { written: string | null; backups: BackupFile[] };

export const dbBackup: CliCommand = {
  words: ['db', 'backup'],
  summary: 'Make a backup now if none was made in the last 24 hours (the app does this daily) and list the backups kept (the newest db.backupKeep, 7 by default).',
  usage: '',
  run: async (ctx): Promise<Backup> => {
    const desk = ctx.desk();
    const written = await backupIfDue(desk.db, ctx.dbPath, ctx.clock, backupKeep(desk.settings));
    return { written, backups: listBackups(ctx.dbPath) };
  },
  text: (b: Backup) =>
    [
      b.written ? `wrote ${b.written}` : 'a backup from the last 24 hours already exists',
      ...b.backups.map((x) => `  ${x.madeAt}  entries to ${x.auditSeq ?? '?'}  ${x.file}`),
    ].join('\n'),
};

type Recovered = {
  movedAside: string[];
  restoredFrom: string | null;
  rebuilt: string[];
  forced: boolean;
  lost: Loss | null;
  schemaVersion: number;
  ok: boolean;
};

function lossText(loss: Loss | null): string {
  if (!loss) return 'what the damaged file held cannot be counted';
  const rows = loss.rows.map((r) => `${r.current - r.backup} in ${r.table}`).join(', ');
  return `${loss.auditEntries} audit entr${loss.auditEntries === 1 ? 'y' : 'ies'}${rows ? ` and rows newer than the backup (${rows})` : ''}`;
}

/** Opens the result as the desk does (migrations, a check), records the recovery in the audit log and moves its head there. */
function recordRecovery(ctx: CliContext, details: Record<string, unknown>): { schemaVersion: number; ok: boolean } {
  const desk = openDesk({ dbPath: ctx.dbPath, host: 'cli', clock: ctx.clock, env: ctx.env, log: createLogger({ level: 'warn' }), lock: false, backups: false });
  try {
    desk.audit.append({ action: 'database.recovered', details });
    // A restore makes the log legitimately shorter than the head recorded outside it: said above, then moved.
    desk.audit.rebaseHead();
    return { schemaVersion: desk.db.pragma('user_version', { simple: true }) as number, ok: checkIntegrity(desk.db, 'full').length === 0 };
  } finally {
    desk.close();
  }
}

export const dbRecover: CliCommand = {
  words: ['db', 'recover'],
  summary:
    'Recover a database that fails its check: rebuild damaged rebuildable data (--rebuild), or move the file aside and restore the backup with the most recent content (or --backup <file>, or start --empty). A healthy database is left alone unless --force, which says what it would lose.',
  usage: '[--rebuild | --backup <file> | --empty] [--force]',
  options: { backup: { type: 'string' }, empty: { type: 'boolean', default: false }, force: { type: 'boolean', default: false }, rebuild: { type: 'boolean', default: false } },
  run: (ctx): Recovered => {
    const { values } = ctx;
    if ([values.empty === true, typeof values.backup === 'string', values.rebuild === true].filter(Boolean).length > 1)
      throw new UsageError('Choose one of --rebuild, --backup <file> or --empty.');
    const forced = values.force === true;
    // Never while another process holds the database: it would go on writing into the moved file (issue 14 §4).
    const lock = acquireDeskLock(ctx.dbPath);
    try {
      let health = fs.existsSync(ctx.dbPath) ? healthOf(ctx.dbPath) : { problems: ['the file does not exist'], damage: null as Damage | null };
      // "Fails its check" includes the desk's own start: a file the app refuses is never called healthy here.
      if (!health.problems.length) health = startCheck(ctx) ?? health;
      if (values.rebuild === true) {
        if (!health.damage?.rebuildable) {
          throw new DeskError(
            'refused',
            health.problems.length === 0
              ? 'The database passes its check: there is nothing to rebuild.'
              : `The damage is not only in rebuildable data (${health.damage?.objects.join(', ') ?? 'unknown'}): restore a backup with db recover instead.`,
          );
        }
        const db = openDatabase(ctx.dbPath, { migrate: false });
        let filled: { matchKeys: boolean; sepRules: boolean };
        try {
          filled = rebuildDamaged(db, health.damage);
        } catch (error) {
          if (!isCorruptionError(error)) throw error;
          throw new DeskError(
            'refused',
            `The damaged data could not be rebuilt (${error instanceof Error ? error.message : String(error)}); nothing was changed. Restore a backup instead: db recover (without --rebuild).`,
          );
        } finally {
          db.close();
        }
        if (filled.matchKeys) {
          const desk = openDesk({ dbPath: ctx.dbPath, host: 'cli', clock: ctx.clock, env: ctx.env, log: createLogger({ level: 'warn' }), lock: false, backups: false });
          try {
            desk.db.transaction(() => desk.services.match.store.rebuildKeys())();
          } finally {
            desk.close();
          }
        }
        const r = recordRecovery(ctx, { rebuilt: health.damage.objects });
        return { movedAside: [], restoredFrom: null, rebuilt: health.damage.objects, forced, lost: { auditEntries: 0, rows: [] }, ...r };
      }
      const from = values.empty === true ? null : typeof values.backup === 'string' ? path.resolve(values.backup) : (chooseBackup(ctx.dbPath)?.file ?? undefined);
      if (from === undefined) throw new UsageError('There is no backup to restore. Use --empty to move the damaged file aside and start with an empty database.');
      const lost = fs.existsSync(ctx.dbPath) ? measureLoss(ctx.dbPath, from) : null;
      if (health.problems.length === 0 && !forced) {
        throw new DeskError(
          'refused',
          `The database passes its check: there is nothing to recover, and it was left as it is. Restoring ${from ? path.basename(from) : 'an empty database'} over it would lose ${lossText(lost)}. To do that anyway, run db recover again with --force.`,
        );
      }
      const moved = recoverDatabase(ctx.dbPath, ctx.clock, from);
      const r = recordRecovery(ctx, {
        restoredFrom: from ? path.basename(from) : null,
        forced,
        lostAuditEntries: lost?.auditEntries ?? null,
        lostRows: lost?.rows.reduce((s, x) => s + x.current - x.backup, 0) ?? null,
      });
      return { ...moved, rebuilt: [], forced, lost, ...r };
    } finally {
      lock.release();
    }
  },
  text: (r: Recovered) =>
    [
      ...r.rebuilt.map((o) => `rebuilt: ${o}`),
      ...r.movedAside.map((f) => `moved aside: ${f}`),
      r.rebuilt.length ? '' : r.restoredFrom ? `restored from ${r.restoredFrom}` : 'started with an empty database',
      r.forced && r.lost ? `lost (newer than the backup): ${lossText(r.lost)}` : '',
      `integrity: ${r.ok ? 'ok' : 'PROBLEMS'}`,
    ]
      .filter(Boolean)
      .join('\n'),
  exitCode: (r: Recovered) => (r.ok ? 0 : 1),
};
