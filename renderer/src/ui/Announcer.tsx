import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

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
  const announce = useCallback<Announce>((message, politeness = 'polite') => {
    // A trailing no-break space toggles so that the same message twice is read twice.
    flip.current = !flip.current;
    const text = message + (flip.current ? '\u00a0' : '');
    if (politeness === 'assertive') setAssertive(text);
    else setPolite(text);
  }, []);
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
