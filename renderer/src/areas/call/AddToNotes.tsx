import { useState } from 'react';
import { useStrings } from '../../i18n';
import { useAnnounce } from '../../ui/Announcer';
import { useAddToCallNotes, useCall } from './callStore';

/**
 * "Add to call notes" for other areas (SEP summary, member-match result, ESE
 * reference). Shown only while a call is open: notes belong to a call. Main
 * appends the text and puts a line on the call's timeline.
 */
export function AddToNotesButton({ text, what }: { text: string; what: string }) {
  const t = useStrings('call');
  const { call } = useCall();
  const add = useAddToCallNotes();
  const announce = useAnnounce();
  const [added, setAdded] = useState(false);
  if (!call || call.state === 'closed') return null;
  const onClick = async () => {
    const r = await add(text);
    if (r.ok) setAdded(true);
    announce(r.ok ? t('notes.added', { what }) : r.message, r.ok ? 'polite' : 'assertive');
  };
  return (
    <button type="button" className="button" onClick={() => void onClick()} data-add-to-notes="" aria-keyshortcuts="Alt+A">
      {t(added ? 'notes.addDone' : 'notes.add')} <kbd>Alt+A</kbd>
    </button>
  );
}
