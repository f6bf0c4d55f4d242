import { createContext, useCallback, useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

type Announce = (message: string, politeness?: 'polite' | 'assertive') => void;
const AnnouncerContext = createContext<Announce>(() => {});

/**
 * One pair of live regions for the whole app. Status changes (saved, call on
 * hold, consent accepted) are announced through here; ticking timers never are.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [polite, setPolite] = useState('');
  const [assertive, setAssertive] = useState('');
  const flip = useRef(false);
  // Messages announced before React renders the region: two announced in one render
  // (a call ending while the central store drops) must both be heard, not the last only.
  const pending = useRef<{ polite: string[]; assertive: string[] }>({ polite: [], assertive: [] });
  const announce = useCallback<Announce>((message, politeness = 'polite') => {
    const queue = pending.current[politeness];
    if (!queue.includes(message)) queue.push(message);
    // A trailing no-break space toggles so that the same message twice is read twice.
    flip.current = !flip.current;
    const text = queue.join(' ') + (flip.current ? '\u00a0' : '');
    if (politeness === 'assertive') setAssertive(text);
    else setPolite(text);
  }, []);
  // Once a text is in the region, the next message starts afresh.
  useLayoutEffect(() => {
    pending.current.polite = [];
  }, [polite]);
  useLayoutEffect(() => {
    pending.current.assertive = [];
  }, [assertive]);
  return (
    <AnnouncerContext.Provider value={announce}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {polite}
      </div>
      <div className="visually-hidden" role="alert" aria-live="assertive" aria-atomic="true">
        {assertive}
      </div>
    </AnnouncerContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
