/** Every CLI command; features add theirs here, one line each. */
import type { CliCommand } from '../command';
import { auditVerify } from './audit';
import { contractList } from './contract';
import { dbInfo } from './db';
import { dbBackup, dbCheck, dbRecover } from './dbSafety';
import { sepCalc, sepSearch } from './sep';

export const commands: CliCommand[] = [dbInfo, dbCheck, dbBackup, dbRecover, auditVerify, contractList, sepSearch, sepCalc];
