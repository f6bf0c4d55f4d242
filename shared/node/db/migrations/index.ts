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
import { m0008 } from './0008-notes-revision';
import { m0009 } from './0009-sync-outbox';
import { m0010 } from './0010-consent-scripts';
import { m0011 } from './0011-ese-without-dire-need';
import { m0012 } from './0012-sep-source-table';
import { m0013 } from './0013-match-extract-loaded';
import { m0014 } from './0014-match-name-counts';
import { m0015 } from './0015-audit-keyed';
import { m0016 } from './0016-call-language';
import { m0017 } from './0017-ese-closing-text';
import { m0018 } from './0018-sep-spanish-index';
import { m0019 } from './0019-ese-closing-text-central';
import { m0020 } from './0020-call-record';
import { m0021 } from './0021-call-follow-up';
import { m0022 } from './0022-call-several-dispositions';
import { m0023 } from './0023-built-in-dispositions-combine';
import { m0024 } from './0024-member-ssn-print';

export type { Migration };

export const migrations: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0020,
  m0021,
  m0022,
  m0023,
  m0024,
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
