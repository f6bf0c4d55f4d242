/**
 * Every schema migration, in order. Numbers are unique and strictly increasing
 * (a test checks); features append their own file here.
 */
import type { Migration } from './types';
import { m0001 } from './0001-foundation';
import { m0002 } from './0002-sep-rules';

export type { Migration };

export const migrations: readonly Migration[] = [m0001, m0002];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
