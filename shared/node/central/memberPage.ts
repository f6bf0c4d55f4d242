import type { MemberRow } from '../../common/match/schemas';

/**
 * How members come down from the central store, shared by the desk-thread pull
 * (memberPull.ts) and the first pull's own thread (pullWorker.ts): kept apart from both
 * so neither imports the other (the layering test forbids import cycles).
 */
export const MEMBER_PAGE = 10_000;

/** A member as the central store hands it down: the SSN only as its block and slot, and its keyed check (ssnPrint.ts). */
export type CentralMemberRow = Omit<MemberRow, 'ssn'> & { ssn_block: string | null; ssn_slot: number | null; ssn_check: Buffer | null; txid: string };

export const MEMBER_SELECT = `SELECT member_id, case_number, application_number, first_name, middle_name, last_name, suffix, date_of_birth::text AS date_of_birth, sex,
       ssn_block, ssn_slot, ssn_check, head_of_household, case_status, application_submitted_on::text AS application_submitted_on, txid::text AS txid
  FROM member
 WHERE (txid, member_id) > ($1::xid8, $2) AND txid < pg_snapshot_xmin(pg_current_snapshot())
 ORDER BY member.txid, member_id LIMIT $3`;

export const NO_CENTER_KEY = 'The central member extract holds sealed SSNs, and this desk has not been given the contact-center key to open them. Members were not pulled.';
