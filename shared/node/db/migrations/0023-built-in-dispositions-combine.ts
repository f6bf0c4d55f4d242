import type { Migration } from './types';

/**
 * Issue 12 §2: the built-in disposition list marks its work codes combinable (a call can
 * give SEP information and forward an ESE request), but every desk already holds the list
 * migration 0005 stored, which has no flag and so reads as "one code per call": without
 * this, the feature would exist and no desk would ever see it. A code whose code and
 * label are still the built-in ones, and whose flag was never set, takes the built-in
 * flag; a code a supervisor added or relabelled stays as it was (standing alone).
 * The codes and labels are copied here so later changes to the defaults do not change
 * what this migration wrote.
 */
const BUILT_IN_COMBINABLE: Record<string, readonly string[]> = {
  association_completed: ['Agent associated (client on the line)'],
  association_not_done: ['Association not done: client not on the line (alternatives given)'],
  consent_recorded: ['Consent recorded'],
  ese_forwarded: ['ESE request forwarded to KHBE'],
  sep_information: ['SEP information given'],
  member_match_psl: ['Member match: handled by or referred to PSL'],
  dire_need: ['Dire Need: sent to kynectdireneed@ky.gov', 'Dire Need: Agent or kynector told to email kynectdireneed@ky.gov (PSL)'],
  callback_needed: ['Callback needed'],
};

export const m0023: Migration = {
  version: 23,
  name: 'calls: the built-in work dispositions may be combined',
  up(db) {
    const row = db.prepare("SELECT value_json FROM setting WHERE key = 'calls.dispositions'").pluck().get() as string | undefined;
    if (!row) return;
    let list: unknown;
    try {
      list = JSON.parse(row);
    } catch {
      return; // a list that does not parse is the settings store's to handle (it falls back to the defaults)
    }
    if (!Array.isArray(list)) return;
    let changed = false;
    const next = list.map((x: unknown) => {
      if (!x || typeof x !== 'object' || 'combinable' in x) return x;
      const { code, label } = x as { code?: unknown; label?: unknown };
      if (typeof code !== 'string' || typeof label !== 'string' || !BUILT_IN_COMBINABLE[code]?.includes(label)) return x;
      changed = true;
      return { ...x, combinable: true };
    });
    if (changed) db.prepare("UPDATE setting SET value_json = ? WHERE key = 'calls.dispositions'").run(JSON.stringify(next));
  },
};
