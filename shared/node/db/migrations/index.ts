/**
 * Every schema migration, in order. Numbers are unique and strictly increasing
 * (a test checks); features append their own file here.
 */
import type { Migration } from './types';
import { m0001 } from './0001-foundation';
import { m0004 } from './0004-calls';

export type { Migration };

export const migrations: readonly Migration[] = [m0001, m0004];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
