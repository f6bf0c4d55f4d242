/**
 * The statements both writers of the member cache use: the desk's MemberStore
 * (memberStore.ts) on the live tables and the staging thread (stagingWorker.ts) on
 * their staging twins. One text, given the table, so that the two cannot drift: a
 * column added to one insert and not the other would stage members the swap then
 * puts in with a blank.
 */

/** match_member's columns in the order every member insert binds them. */
export const MEMBER_INSERT_COLUMNS = [
  'id',
  'member_id',
  'case_number',
  'application_number',
  'first_name',
  'middle_name',
  'last_name',
  'suffix',
  'date_of_birth',
  'sex',
  'ssn_block',
  'ssn_slot',
  'head_of_household',
  'imported_at',
] as const;
export const MEMBER_INSERT_WIDTH = MEMBER_INSERT_COLUMNS.length;

/**
 * An insert of `rows` members, each bound as MEMBER_INSERT_COLUMNS (with `withId` false,
 * without the leading id; with `withPrint`, then the SSN print a central pull knows, ssnPrint.ts).
 */
export function insertMembersSql(table: string, rows: number, withId = true, withPrint = false): string {
  const columns: string[] = withId ? [...MEMBER_INSERT_COLUMNS] : MEMBER_INSERT_COLUMNS.slice(1);
  if (withPrint) columns.push('ssn_print');
  const one = `(${columns.map(() => '?').join(',')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(rows).fill(one).join(',')}`;
}

/** A case's status; `changes` is 0 when it was already the same. */
export const upsertCaseSql = (table: string): string =>
  `INSERT INTO ${table} (case_number, status, imported_at) VALUES (?, ?, ?)
   ON CONFLICT (case_number) DO UPDATE SET status = excluded.status, imported_at = excluded.imported_at WHERE status IS NOT excluded.status`;

export const upsertApplicationSql = (table: string): string =>
  `INSERT INTO ${table} (application_number, case_number, submitted_on, imported_at) VALUES (?, ?, ?, ?)
   ON CONFLICT (application_number) DO UPDATE SET case_number = excluded.case_number, submitted_on = excluded.submitted_on, imported_at = excluded.imported_at
   WHERE case_number IS NOT excluded.case_number OR submitted_on IS NOT excluded.submitted_on`;

/** An Agent's association with a case; `changes` is 0 when it was already the same. */
export const upsertAssociationSql = (table: string): string =>
  `INSERT INTO ${table} (agent_id, case_number, agent_name, associated_on, imported_at) VALUES (?, ?, ?, ?, ?)
   ON CONFLICT (case_number, agent_id) DO UPDATE SET agent_name = excluded.agent_name, associated_on = excluded.associated_on, imported_at = excluded.imported_at
   WHERE agent_name IS NOT excluded.agent_name OR associated_on IS NOT excluded.associated_on`;

export const associationExistsSql = (table: string): string => `SELECT 1 FROM ${table} WHERE case_number = ? AND agent_id = ?`;

export const addNameSql = (table: string): string =>
  `INSERT INTO ${table} (part, name, members) VALUES (?, ?, ?) ON CONFLICT (part, name) DO UPDATE SET members = members + excluded.members`;

/** A member's values in MEMBER_INSERT_COLUMNS order, appended to `out` (a multi-row insert's parameters). */
export function pushMember(
  out: unknown[],
  id: number,
  r: {
    member_id: string;
    case_number: string;
    application_number: string | null;
    first_name: string;
    middle_name: string | null;
    last_name: string;
    suffix: string | null;
    date_of_birth: string;
    sex: string;
  },
  ssnBlock: number | null,
  ssnSlot: number | null,
  headOfHousehold: 0 | 1,
  importedAt: string,
): void {
  out.push(
    id,
    r.member_id,
    r.case_number,
    r.application_number,
    r.first_name,
    r.middle_name,
    r.last_name,
    r.suffix,
    r.date_of_birth,
    r.sex,
    ssnBlock,
    ssnSlot,
    headOfHousehold,
    importedAt,
  );
}

/** A member row as the cache holds it (the SSN as its block and slot), read back by the re-import and the central delta to compare. */
export interface LiveMemberRow {
  id: number;
  member_id: string;
  case_number: string;
  application_number: string | null;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  suffix: string | null;
  date_of_birth: string;
  sex: string;
  ssn_block: number | null;
  ssn_slot: number | null;
  head_of_household: number;
  /** Read by the central delta only (ssnPrint.ts); other readers do not select it. */
  ssn_print?: Buffer | null;
}
