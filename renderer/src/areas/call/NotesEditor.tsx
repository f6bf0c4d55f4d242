import { useCallback, useEffect, useRef, useState } from 'react';
import { insertBlock, NOTES_MAX, noteTemplates } from '../../../../shared/common/calls/notes';
import { NotesDraft } from '../../../../shared/common/calls/notesDraft';
import { callFacts, fillTemplate } from '../../../../shared/common/calls/facts';
import { SSN_MASKED_NOTICE } from '../../../../shared/common/privacy/ssnText';
import type { CallView } from '../../../../shared/common/calls/view';
import { useStrings } from '../../i18n';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';

/** At most this much typing is ever unsaved: a save goes out this long after the first unsaved key. */
export const AUTOSAVE_MS = 800;

/**
 * Text that ends in a number may be a number still being typed (a caller reading out
 * a phone number): main masks nine digits as an SSN, so the save waits a little for
 * the rest — at most a few times, then it goes anyway.
 */
const MID_NUMBER = /\p{Nd}[\s\p{Pd}.]{0,2}$/u;
const MAX_POSTPONES = 4;

/**
 * Notes of the open call. Saving is a throttle, not a debounce: the timer
 * starts at the first unsaved change and is not pushed back by more typing,
 * so a rep who never pauses still loses at most a second if the app is killed.
 */
export function NotesEditor({ call }: { call: CallView }) {
  const t = useStrings('call');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [text, setText] = useState(call.notes);
  const [savedAt, setSavedAt] = useState<string | null>(call.notesSavedAt);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const postponed = useRef(0);
  const [template, setTemplate] = useState(noteTemplates[0]!.id);
  const area = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const draft = useRef(new NotesDraft(call.notes, call.notesRevision));
  const inFlight = useRef<Promise<void> | null>(null);
  const callId = call.id;
  const readOnly = call.state === 'closed';

  const flush = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    // One save at a time: a flush asked for while one is out (blur, the timer, hiding the window) runs after it.
    if (inFlight.current) return inFlight.current.then(() => flush());
    const d = draft.current;
    const save = d.nextSave();
    if (!save) return Promise.resolve();
    const run = (async () => {
      const r = await invoke('app:call.notes.save', { callId, ...save });
      if (r.ok) {
        setText(d.acknowledge(r.value));
        setSavedAt(r.value.savedAt);
        setError(null);
        if (r.value.ssnMasked > 0) {
          // Main masked a full SSN before storing it: the text now shows what it stored.
          setNotice(SSN_MASKED_NOTICE);
          announce(SSN_MASKED_NOTICE, 'assertive');
        }
      } else if (r.error.code === 'conflict') {
        // The notes' revision went backwards (a restored database): save our text on main's revision.
        const now = await invoke('app:call.current', {});
        d.failed(now.ok && now.value.call?.id === callId ? now.value.call.notesRevision : undefined);
        setError(r.error.message);
      } else {
        d.failed();
        setError(r.error.fieldErrors?.notes ?? r.error.message);
      }
    })();
    inFlight.current = run.finally(() => {
      inFlight.current = null;
      // Typing went on while this save was out: send the rest.
      if (draft.current.dirty && !timer.current) timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
    });
    return inFlight.current;
  }, [invoke, callId, announce]);

  const autosave = useCallback(() => {
    timer.current = null;
    if (MID_NUMBER.test(draft.current.text) && postponed.current < MAX_POSTPONES) {
      postponed.current++;
      timer.current = setTimeout(autosave, AUTOSAVE_MS);
      return;
    }
    postponed.current = 0;
    void flush();
  }, [flush]);

  const change = (next: string) => {
    setText(next);
    draft.current.text = next;
    if (!timer.current) timer.current = setTimeout(autosave, AUTOSAVE_MS);
  };

  // Leaving the area, closing or hiding the window sends what is pending.
  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      void flush();
    };
  }, [flush]);

  // Notes changed elsewhere (a snippet from another area, another window): take them when nothing here is unsaved.
  useEffect(() => {
    if (draft.current.adopt(call.notes, call.notesRevision)) {
      setText(call.notes);
      setSavedAt(call.notesSavedAt);
    }
  }, [call.notes, call.notesSavedAt, call.notesRevision]);

  const insert = () => {
    const chosen = noteTemplates.find((x) => x.id === template);
    const el = area.current;
    if (!chosen || !el) return;
    // Filled from what the call already knows (issue 12.2); blanks left are what the rep still has to write.
    const body = fillTemplate(chosen, callFacts(call));
    const r = insertBlock(draft.current.text, body, el.selectionStart, el.selectionEnd);
    change(r.text);
    const filled = body !== chosen.body;
    announce(t(filled ? 'notes.insertedFilled' : 'notes.inserted', { label: chosen.label }));
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(r.cursor, r.cursor);
    });
  };

  const dirty = text !== draft.current.saved;
  return (
    <section className="card call-notes" aria-labelledby="call-notes-title">
      <h2 id="call-notes-title">{t('notes.title')}</h2>
      {!readOnly ? (
        <div className="call-notes__templates">
          <label htmlFor="note-template">{t('notes.template')}</label>
          <select id="note-template" className="input" value={template} onChange={(e) => setTemplate(e.target.value)}>
            {noteTemplates.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label}
              </option>
            ))}
          </select>
          <button type="button" className="button" onClick={insert}>
            {t('notes.insert')}
          </button>
        </div>
      ) : null}
      <label htmlFor="call-notes" className="field__label">
        {t('notes.label')}
      </label>
      <textarea
        id="call-notes"
        ref={area}
        className="input input--area call-notes__text"
        value={text}
        maxLength={NOTES_MAX}
        readOnly={readOnly}
        aria-describedby="call-notes-saved"
        aria-invalid={error ? true : undefined}
        onChange={(e) => change(e.target.value)}
        onBlur={() => void flush()}
        rows={10}
        data-testid="call-notes"
      />
      <p id="call-notes-saved" className="muted" data-testid="notes-saved">
        {error ? (
          <span className="field__error">{t('notes.notSaved', { error })}</span>
        ) : dirty ? (
          t('notes.saving')
        ) : savedAt ? (
          t('notes.savedAt', { at: savedAt })
        ) : (
          t('notes.autosaved')
        )}
      </p>
      {notice ? (
        <p className="field__hint" data-testid="notes-ssn-notice">
          {notice}
        </p>
      ) : null}
    </section>
  );
}
