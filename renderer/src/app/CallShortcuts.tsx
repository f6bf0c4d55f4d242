import type { AreaId } from '../areas/registry';
import { useCall } from '../areas/call/callStore';
import { useAnnounce } from '../ui/Announcer';
import { keys, useShortcut } from './shortcuts';
import { useStrings } from '../i18n';

/** Where a move lands: the area's heading, its first field or main action, or one element by selector. */
export type Landing = 'heading' | 'start' | { selector: string };

/**
 * The notes and lookup keys a rep needs from any area, so the `?` sheet always lists them
 * (issue 12.5). Rendered inside the call store: they need to know whether a call is open.
 */
export function CallShortcuts({ active, go }: { active: AreaId; go: (id: AreaId, landing: Landing) => void }) {
  const t = useStrings('shell');
  const { call } = useCall();
  const NO_CALL = t('keys.noCall');
  const announce = useAnnounce();
  const open = call !== null && call.state !== 'closed';
  useShortcut({
    id: 'notes.focus',
    keys: 'Alt+T',
    description: t('keys.notesFocus'),
    group: t('keys.groupCall'),
    match: keys.alt('t'),
    run: () => (open ? go('call', { selector: '#call-notes' }) : announce(NO_CALL, 'assertive')),
  });
  useShortcut({
    id: 'notes.add',
    keys: 'Alt+A',
    description: t('keys.notesAdd'),
    group: t('keys.groupCall'),
    match: keys.alt('a'),
    run: () => {
      if (!open) return announce(NO_CALL, 'assertive');
      const button = [...document.querySelectorAll<HTMLButtonElement>('section.area [data-add-to-notes]')].find((b) => b.getClientRects().length > 0);
      if (button) button.click();
      else announce(t('keys.nothingToAdd'), 'assertive');
    },
  });
  useShortcut({
    id: 'match.clear',
    keys: 'Alt+C',
    description: t('keys.matchClear'),
    group: t('keys.groupMatch'),
    match: keys.alt('c'),
    run: () => {
      const clear = active === 'match' ? document.querySelector<HTMLButtonElement>('section.area [data-lookup-clear]') : null;
      if (clear) clear.click();
      // Leaving the area drops its lookup, so arriving there is a clear one.
      else go('match', 'start');
    },
  });
  return null;
}
