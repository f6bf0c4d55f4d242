import type { Migration } from './types';

/**
 * Dire Need leaves the ESE intake (issue 11 §7): 003 §9.1 gives the Dire Need mailbox to
 * Agents and kynectors for applications needing attention within 24 hours; it is not an
 * ESE route. Nothing queued is lost or changed: ese_intake and outbox_message are not
 * touched, so a message waiting, sending or failed is still delivered (to the ESE mailbox,
 * with the flag it was taken with in its body), and ese_intake.dire_need stays as the
 * record of what was flagged then.
 *
 * Drafts typed before this still hold the flag and its reason: the reason the rep wrote is
 * kept, moved to the end of "what happened" where the rep sees it before forwarding, and
 * the flag is dropped so the draft opens in the form that no longer has it.
 *
 * The default disposition "Dire Need: sent to kynectdireneed@ky.gov" reads as if the desk
 * sent it; where a supervisor has not changed it, it now says what happens on a PSL call.
 */
export const DIRE_NEED_DISPOSITION_0005 = 'Dire Need: sent to kynectdireneed@ky.gov';
export const DIRE_NEED_DISPOSITION = 'Dire Need: Agent or kynector told to email kynectdireneed@ky.gov (PSL)';

export const m0011: Migration = {
  version: 11,
  name: 'ese: Dire Need leaves the intake (drafts keep the words typed; queued messages untouched)',
  up(db) {
    const drafts = db.prepare('SELECT key, draft_json FROM ese_draft').all() as { key: string; draft_json: string }[];
    const save = db.prepare('UPDATE ese_draft SET draft_json = ? WHERE key = ?');
    for (const d of drafts) {
      let draft: Record<string, unknown>;
      try {
        draft = JSON.parse(d.draft_json) as Record<string, unknown>;
      } catch {
        continue; // unreadable before, left as it was (the service already treats it as no draft)
      }
      if (!draft || typeof draft !== 'object' || !('direNeed' in draft || 'direNeedReason' in draft)) continue;
      const reason = typeof draft.direNeedReason === 'string' ? draft.direNeedReason.trim() : '';
      const { direNeed, direNeedReason, ...rest } = draft;
      void direNeed;
      void direNeedReason;
      if (reason) {
        const narrative = typeof rest.narrative === 'string' && rest.narrative.trim() ? `${rest.narrative.trimEnd()}\n\n` : '';
        rest.narrative = `${narrative}Urgency noted by the representative: ${reason}`;
      }
      save.run(JSON.stringify(rest), d.key);
    }

    const row = db.prepare("SELECT value_json FROM setting WHERE key = 'calls.dispositions'").pluck().get() as string | undefined;
    if (row) {
      try {
        const list = JSON.parse(row) as { code: string; label: string }[];
        if (Array.isArray(list) && list.some((x) => x.code === 'dire_need' && x.label === DIRE_NEED_DISPOSITION_0005)) {
          const next = list.map((x) => (x.code === 'dire_need' && x.label === DIRE_NEED_DISPOSITION_0005 ? { ...x, label: DIRE_NEED_DISPOSITION } : x));
          db.prepare("UPDATE setting SET value_json = ? WHERE key = 'calls.dispositions'").run(JSON.stringify(next));
        }
      } catch {
        // a list that does not parse is the settings store's to handle (it falls back to the defaults)
      }
    }
  },
};
