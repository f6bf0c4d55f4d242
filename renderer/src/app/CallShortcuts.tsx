import type { AreaId } from '../areas/registry';
import { useCall } from '../areas/call/callStore';
import { useAnnounce } from '../ui/Announcer';
import { keys, useShortcut } from './shortcuts';

/** Where a move lands: the area's heading, its first field or main action, or one element by selector. */
export type Landing = 'heading' | 'start' | { selector: string };

const NO_CALL = 'No call is open: notes belong to a call. Alt+N starts one.';

/**
 * The notes and lookup keys a rep needs from any area, so the `?` sheet always lists them
 * (issue 12.5). Rendered inside the call store: they need to know whether a call is open.
 */
export function CallShortcuts({ active, go }: { active: AreaId; go: (id: AreaId, landing: Landing) => void }) {
  const { call } = useCall();
  const announce = useAnnounce();
  const open = call !== null && call.state !== 'closed';
  useShortcut({
    id: 'notes.focus',
    keys: 'Alt+T',
    description: 'Type in the call notes (goes to the Call area)',
    group: 'Call',
    match: keys.alt('t'),
    run: () => (open ? go('call', { selector: '#call-notes' }) : announce(NO_CALL, 'assertive')),
  });
  useShortcut({
    id: 'notes.add',
    keys: 'Alt+A',
    description: 'Add what this area shows (a match result, an ESE reference) to the call notes',
    group: 'Call',
    match: keys.alt('a'),
    run: () => {
      if (!open) return announce(NO_CALL, 'assertive');
      const button = [...document.querySelectorAll<HTMLButtonElement>('section.area [data-add-to-notes]')].find((b) => b.getClientRects().length > 0);
      if (button) button.click();
      else announce('Nothing here to add to the call notes yet: a member-match result or a forwarded ESE intake can be added.', 'assertive');
    },
  });
  useShortcut({
    id: 'match.clear',
    keys: 'Alt+C',
    description: 'Clear the member lookup and start a new one (goes to Member match)',
    group: 'Member match (PSL)',
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
