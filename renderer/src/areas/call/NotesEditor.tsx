import { useCallback, useEffect, useRef, useState } from 'react';
import { insertBlock, NOTES_MAX, noteTemplates } from '../../../../shared/common/calls/notes';
import { SSN_MASKED_NOTICE } from '../../../../shared/common/privacy/ssnText';
import type { CallView } from '../../../../shared/common/calls/view';
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
  const latest = useRef(text);
  const lastSaved = useRef(call.notes);
  const inFlight = useRef(false);
  const callId = call.id;
  const readOnly = call.state === 'closed';

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const sending = latest.current;
    if (sending === lastSaved.current) return;
    inFlight.current = true;
    const r = await invoke('app:call.notes.save', { callId, notes: sending, base: lastSaved.current });
    inFlight.current = false;
    if (r.ok) {
      lastSaved.current = r.value.notes;
      if (r.value.ssnMasked > 0) {
        // Main masked a full SSN before storing it: show what it stored, then whatever was typed since.
        const typedSince = latest.current.startsWith(sending) ? latest.current.slice(sending.length) : '';
        const next = r.value.notes + typedSince;
        latest.current = next;
        setText(next);
        setNotice(SSN_MASKED_NOTICE);
        announce(SSN_MASKED_NOTICE, 'assertive');
      } else if (r.value.notes !== sending) {
        // Main kept snippets added meanwhile after our text: show them, after anything typed since.
        const next = latest.current + r.value.notes.slice(sending.length);
        latest.current = next;
        setText(next);
      }
      setSavedAt(r.value.savedAt);
      setError(null);
    } else {
      setError(r.error.fieldErrors?.notes ?? r.error.message);
    }
    // Typing went on while this save was out: send the rest.
    if (latest.current !== lastSaved.current && !timer.current) timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
    // (Typing that went on is sent by the next autosave; a number at the end waits there.)
  }, [invoke, callId, announce]);

  const autosave = useCallback(() => {
    timer.current = null;
    if (MID_NUMBER.test(latest.current) && postponed.current < MAX_POSTPONES) {
      postponed.current++;
      timer.current = setTimeout(autosave, AUTOSAVE_MS);
      return;
    }
    postponed.current = 0;
    void flush();
  }, [flush]);

  const change = (next: string) => {
    setText(next);
    latest.current = next;
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
    if (call.notes !== lastSaved.current && latest.current === lastSaved.current && !inFlight.current) {
      lastSaved.current = call.notes;
      latest.current = call.notes;
      setText(call.notes);
      setSavedAt(call.notesSavedAt);
    }
  }, [call.notes, call.notesSavedAt]);

  const insert = () => {
    const t = noteTemplates.find((x) => x.id === template);
    const el = area.current;
    if (!t || !el) return;
    const r = insertBlock(latest.current, t.body, el.selectionStart, el.selectionEnd);
    change(r.text);
    announce(`${t.label} template inserted into the notes.`);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(r.cursor, r.cursor);
    });
  };

  const dirty = text !== lastSaved.current;
  return (
    <section className="card call-notes" aria-labelledby="call-notes-title">
      <h2 id="call-notes-title">Notes</h2>
      {!readOnly ? (
        <div className="call-notes__templates">
          <label htmlFor="note-template">Template</label>
          <select id="note-template" className="input" value={template} onChange={(e) => setTemplate(e.target.value)}>
            {noteTemplates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
          <button type="button" className="button" onClick={insert}>
            Insert template
          </button>
        </div>
      ) : null}
      <label htmlFor="call-notes" className="field__label">
        Call notes
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
        {error ? <span className="field__error">⚠ Notes not saved: {error}</span> : dirty ? 'Saving…' : savedAt ? `Saved at ${new Date(savedAt).toLocaleTimeString()}` : 'Autosaved as you type.'}
      </p>
      {notice ? (
        <p className="field__hint" data-testid="notes-ssn-notice">
          {notice}
        </p>
      ) : null}
    </section>
  );
}
