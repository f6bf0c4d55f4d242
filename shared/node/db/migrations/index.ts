/**
 * Every schema migration, in order. Numbers are unique and strictly increasing
 * (a test checks); features append their own file here.
 */
import type { Migration } from './types';
import { m0001 } from './0001-foundation';
import { m0002 } from './0002-match';
import { m0003 } from './0003-ese';
import { m0004 } from './0004-association';
import { m0005 } from './0005-calls';
import { m0006 } from './0006-sep-rules';
import { m0007 } from './0007-partner-consent';
import { m0008 } from './0008-audit-keyed';

export type { Migration };

export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
