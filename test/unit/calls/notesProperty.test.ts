import fc from 'fast-check';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/common/clock';
import { NotesDraft, type NotesSave } from '../../../shared/common/calls/notesDraft';
import { openDesk, type Desk } from '../../../shared/node/host/desk';
import { silentLogger } from '../../../shared/node/log';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

/**
 * Notes never duplicate or vanish (issue 15.2): the editor's own logic (NotesDraft)
 * against the real call service on a real SQLite file, with every interleaving
 * fast-check finds of typing, saves held out while other areas append, retried
 * saves, reloads that lose a save's answer, and the desk closing and reopening.
 * Every typed word and snippet is a unique token, so "once" can be counted.
 */
type Action =
  | { kind: 'type'; at: number }
  | { kind: 'send' } // a save leaves the editor (one at a time)
  | { kind: 'deliver' } // main answers the save that is out
  | { kind: 'append' } // another area appends a snippet
  | { kind: 'push' } // main's push of the call reaches the editor
  | { kind: 'retry' } // the last save reaches main a second time
  | { kind: 'reload' } // the window reloads; an answer on the way is lost
  | { kind: 'restart'; committed: boolean }; // the desk stops with a save out, committed or not, and starts again

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('type' as const), at: fc.nat() }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'send' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'deliver' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'append' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'push' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'retry' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reload' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), committed: fc.boolean() }) },
);

const dir = makeTempDir();
afterAll(() => removeTempDir(dir));
let runs = 0;

function count(text: string, token: string): number {
  return text.split(/\s+/).filter((w) => w === token).length;
}

describe('call notes under interleaved saves, appends, retries, reloads and restarts (issue 15.2)', () => {
  it('hold the last acknowledged edit and every acknowledged snippet, each exactly once', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 60 }), (actions) => {
        const file = path.join(dir, `notes-${runs++}.sqlite3`);
        const clock = new ManualClock('2026-11-22T15:00:00.000Z');
        const open = () => openDesk({ dbPath: file, host: 'cli', log: silentLogger, env: {}, clock });
        let desk: Desk = open();
        try {
          desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
          const callId = desk.services.calls.start({ callerType: 'resident' }).call!.id;
          const fresh = () => {
            const c = desk.services.calls.current().call!;
            return new NotesDraft(c.notes, c.notesRevision);
          };
          let draft = fresh();
          let out: NotesSave | null = null;
          let lastDelivered: NotesSave | null = null;
          let token = 0;
          const acked = new Set<string>(); // typed tokens in a save whose answer the editor got, and snippets
          const typedTokens = (text: string) => text.split(/\s+/).filter((w) => /^T\d+$/.test(w));
          const deliver = (save: NotesSave) => desk.services.calls.saveNotes(callId, save.notes, save.baseRevision);

          for (const a of actions) {
            clock.advance(1000);
            switch (a.kind) {
              case 'type': {
                const words = draft.text.split(' ');
                const i = a.at % (words.length + 1);
                words.splice(i, 0, `T${token++}`);
                draft.text = words.join(' ');
                break;
              }
              case 'send':
                out ??= draft.nextSave();
                break;
              case 'deliver':
                if (out) {
                  const r = deliver(out);
                  for (const t of typedTokens(out.notes)) acked.add(t);
                  draft.acknowledge(r);
                  lastDelivered = out;
                  out = null;
                }
                break;
              case 'append': {
                const s = `S${token++}`;
                desk.services.calls.appendNote(s);
                acked.add(s);
                break;
              }
              case 'push': {
                const c = desk.services.calls.current().call!;
                draft.adopt(c.notes, c.notesRevision);
                break;
              }
              case 'retry':
                if (lastDelivered) deliver(lastDelivered);
                break;
              case 'reload':
                // Requests reach main in order: a save that was out lands before the new page asks, its answer is lost.
                if (out) deliver(out);
                out = null;
                draft = fresh();
                break;
              case 'restart':
                if (out && a.committed) deliver(out);
                out = null;
                desk.close();
                desk = open();
                draft = fresh();
                break;
            }
          }
          // The rep stops typing: the editor sends what is left and gets its answers.
          if (out) draft.acknowledge(deliver(out));
          for (let save = draft.nextSave(); save; save = draft.nextSave()) {
            for (const t of typedTokens(save.notes)) acked.add(t);
            draft.acknowledge(deliver(save));
          }
          const last = desk.services.calls.current().call!;
          draft.adopt(last.notes, last.notesRevision);
          const stored = last.notes;
          expect(stored).toBe(draft.text);
          for (const t of acked) expect(count(stored, t), `${t} in ${JSON.stringify(stored)}`).toBe(1);
          for (const w of stored.split(/\s+/).filter(Boolean)) expect(count(stored, w), `${w} once`).toBe(1);
        } finally {
          desk.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
