/** Every CLI command; features add theirs here, one line each. */
import type { CliCommand } from '../command';
import { auditVerify } from './audit';
import { callExport, callList, callPop } from './calls';
import { contractList } from './contract';
import { dbInfo } from './db';
import { dbBackup, dbCheck, dbRecover } from './dbSafety';
import { importAssociations, importMembers, matchCommand } from './match';
import { sepCalc, sepSearch } from './sep';
import { outboxFlush, outboxList } from './outbox';
import { centralLoadMembers, centralMigrate, centralStatus, centralSync, centralUserAdd, centralVerify } from './central';
import { scriptsList, scriptsLoad } from './scripts';

export const commands: CliCommand[] = [
  dbInfo,
  dbCheck,
  dbBackup,
  dbRecover,
  auditVerify,
  contractList,
  importMembers,
  importAssociations,
  matchCommand,
  outboxList,
  outboxFlush,
  callList,
  callExport,
  callPop,
  sepSearch,
  sepCalc,
  scriptsList,
  scriptsLoad,
  centralMigrate,
  centralUserAdd,
  centralLoadMembers,
  centralSync,
  centralStatus,
  centralVerify,
];
