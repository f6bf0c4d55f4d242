import fs from 'node:fs';
import type { CentralStatus } from '../../../common/central/contract';
import { DeskError } from '../../../common/errors';
import { CenterKey } from '../../central/centerKey';
import { CENTRAL_ADMIN_URL_ENV, configFromUrl, openClient, urlLabel } from '../../central/connection';
import { loadMembers, type LoadReport } from '../../central/memberLoad';
import { latestCentralVersion } from '../../central/migrations';
import { addLogin, migrateCentral } from '../../central/schema';
import { centerKeyFromEnv } from '../../central/secrets';
import type { CentralVerification, SyncReport } from '../../central/service';
import { issuesCsv } from '../../match/importer';
import { UsageError, type CliCommand, type CliContext } from '../command';

/** Admin commands connect as the store's owner: --url, else KYNECT_CENTRAL_ADMIN_URL. */
async function adminClient(ctx: CliContext) {
  const url = typeof ctx.values.url === 'string' ? ctx.values.url : ctx.env[CENTRAL_ADMIN_URL_ENV];
  if (!url) throw new UsageError(`Give the central store's owner connection: --url postgres://… or ${CENTRAL_ADMIN_URL_ENV}.`);
  const config = configFromUrl(url);
  try {
    return { client: await openClient(config), label: urlLabel(config) };
  } catch (error) {
    throw new DeskError('unavailable', `Cannot connect to the central store ${urlLabel(config)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const urlOption = { url: { type: 'string' } } as const;

export const centralMigrate: CliCommand = {
  words: ['central', 'migrate'],
  summary: 'Create or update the central store schema and its two roles (kd_desk, kd_supervisor); a store newer than this app is refused.',
  usage: '[--url postgres://owner@host/db]',
  options: urlOption,
  run: async (ctx) => {
    const { client, label } = await adminClient(ctx);
    try {
      return { server: label, ...(await migrateCentral(client)), latest: latestCentralVersion };
    } finally {
      await client.end();
    }
  },
  text: (r: { server: string; from: number; to: number; applied: number[] }) =>
    r.applied.length ? `${r.server}: migrated from schema ${r.from} to ${r.to} (${r.applied.join(', ')}).` : `${r.server}: schema ${r.to}, nothing to do.`,
};

export const centralUserAdd: CliCommand = {
  words: ['central', 'user', 'add'],
  summary: 'Create a login for a desk (may insert records, read members) or a supervisor (reads across desks); the password comes from KYNECT_CENTRAL_NEW_PASSWORD.',
  usage: '<login> --role desk|supervisor [--url postgres://owner@host/db]',
  options: { ...urlOption, role: { type: 'string' } },
  run: async (ctx) => {
    const login = ctx.positionals[0];
    const role = ctx.values.role;
    if (!login) throw new UsageError('Give the login: central user add <login> --role desk|supervisor.');
    if (role !== 'desk' && role !== 'supervisor') throw new UsageError('--role is desk or supervisor.');
    const password = ctx.env.KYNECT_CENTRAL_NEW_PASSWORD;
    if (!password) throw new UsageError('Set KYNECT_CENTRAL_NEW_PASSWORD to the new login’s password (never on the command line).');
    const { client, label } = await adminClient(ctx);
    try {
      await addLogin(client, login, role, password);
      return { server: label, login, role };
    } finally {
      await client.end();
    }
  },
  text: (r: { server: string; login: string; role: string }) => `${r.server}: login ${r.login} created (${r.role}).`,
};

export const centralLoadMembers: CliCommand = {
  words: ['central', 'load', 'members'],
  summary:
    'Load members.csv into the central store with COPY, validated as a desk import is, all or nothing; SSNs sealed under the contact-center key (KYNECT_CENTRAL_KEY or KYNECT_CENTRAL_KEY_FILE).',
  usage: '<file> [--report <file>] [--url postgres://owner@host/db]',
  options: { ...urlOption, report: { type: 'string' } },
  run: async (ctx) => {
    const file = ctx.positionals[0];
    if (!file) throw new UsageError('Give the members CSV file: central load members <file>.');
    if (!fs.existsSync(file)) throw new DeskError('not_found', `No such file: ${file}`, { file: 'No such file.' });
    const raw = centerKeyFromEnv(ctx.env);
    if (!raw) throw new UsageError('Set KYNECT_CENTRAL_KEY (base64 of 32 bytes) or KYNECT_CENTRAL_KEY_FILE: SSNs are sealed under the contact-center key.');
    const key = new CenterKey(raw);
    raw.fill(0);
    const { client } = await adminClient(ctx);
    try {
      const report = await loadMembers(client, file, key);
      let reportFile: string | null = null;
      if (report.invalid > 0 || report.issues.length) {
        reportFile = typeof ctx.values.report === 'string' ? ctx.values.report : `${file}.invalid.csv`;
        fs.writeFileSync(reportFile, issuesCsv(report.issues));
      }
      return { ...report, reportFile };
    } finally {
      await client.end();
    }
  },
  text: (r: LoadReport & { reportFile: string | null }) =>
    [
      r.committed
        ? `Loaded ${r.file} into the central store (load ${r.loadId}): ${r.rows} rows — ${r.inserted} new, ${r.updated} changed, ${r.unchanged} unchanged.`
        : `Nothing was loaded from ${r.file}: ${r.invalid} bad row${r.invalid === 1 ? '' : 's'}${r.issues.length && r.invalid === 0 ? ' (bad header)' : ''}.`,
      ...r.issues.slice(0, 20).map((i) => `  line ${i.line}, ${i.column}: ${i.reason}`),
      r.reportFile ? `Problems listed in ${r.reportFile}.` : '',
      `${r.durationMs} ms, ${r.rowsPerSecond} rows/s.`,
    ]
      .filter(Boolean)
      .join('\n'),
  exitCode: (r: LoadReport) => (r.committed ? 0 : 1),
};

function statusLine(s: CentralStatus): string {
  switch (s.state) {
    case 'standalone':
      return 'Central store: none configured (stand-alone).';
    case 'synced':
      return `Central store ${s.server}: synced.`;
    case 'waiting':
      return `Central store ${s.server}: ${s.waiting} waiting${s.why ? ` (${s.why})` : ''}.`;
    case 'offline':
      return `Central store ${s.server}: offline since ${s.offlineSince}, ${s.waiting} waiting. ${s.why ?? ''}`;
    case 'refused':
      return `Central store ${s.server ?? ''}: REFUSED, ${s.waiting} waiting. ${s.why ?? ''}`;
  }
}

export const centralSync: CliCommand = {
  words: ['central', 'sync'],
  summary: 'Push every record waiting in the sync outbox and pull member and association changes, now (KYNECT_CENTRAL_URL).',
  usage: '',
  run: (ctx) => ctx.desk().services.central.syncNow(),
  text: (r: SyncReport) =>
    [
      statusLine(r.status),
      `pushed ${r.pushed} records (${r.inserted} new centrally)`,
      r.pull ? `pulled ${r.pull.members.rows} member changes, ${r.pull.associations.rows} associations` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  exitCode: (r: SyncReport) => (r.status.state === 'synced' || r.status.state === 'standalone' ? 0 : 1),
};

export const centralStatus: CliCommand = {
  words: ['central', 'status'],
  summary: 'Where this desk stands with the central store, without contacting it.',
  usage: '',
  run: (ctx) => ctx.desk().services.central.status(),
  text: statusLine,
};

export const centralVerify: CliCommand = {
  words: ['central', 'verify'],
  summary: "Compare this desk's audit chain with the copy the central store holds; exits 1 if it was rewritten or cut.",
  usage: '',
  run: (ctx) => ctx.desk().services.central.verify(),
  text: (v: CentralVerification) =>
    v.ok
      ? `audit chain matches the central store: ${v.compared} entries compared, local head ${v.local.head.seq}, central head ${v.central.head?.seq ?? 0}, ${v.waiting} waiting.`
      : ['audit chain does NOT match the central store:', ...v.problems.map((p) => `  ${p}`)].join('\n'),
  exitCode: (v: CentralVerification) => (v.ok ? 0 : 1),
};
