import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

export interface Shortcut {
  /** Unique; the cheat sheet lists by this order within a group. */
  id: string;
  /** As shown to people: "Alt+1", "?", "/". */
  keys: string;
  /**
   * The keys in words, for keys a reader could confuse (Alt+0 and Alt+O); the sheet
   * shows it beside the keys and a screen reader reads it.
   */
  keyNames?: string;
  description: string;
  group: string;
  match: (event: KeyboardEvent) => boolean;
  run: () => void;
}

interface Registry {
  register: (s: Shortcut) => () => void;
  list: () => Shortcut[];
  version: number;
}

const ShortcutContext = createContext<Registry | null>(null);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/** Alt+<key> shortcuts work everywhere, even while typing; bare keys ("?", "/") only outside form fields. */
export const keys = {
  alt: (key: string) => (e: KeyboardEvent) =>
    e.altKey && !e.ctrlKey && !e.metaKey && (e.key.toLowerCase() === key || e.code === `Digit${key}` || e.code === `Key${key.toUpperCase()}`),
  bare: (key: string) => (e: KeyboardEvent) => !e.altKey && !e.ctrlKey && !e.metaKey && e.key === key && !isTyping(e.target),
};

/**
 * Every keyboard shortcut of the app in one registry, so none can clash
 * silently and the `?` cheat sheet always tells the truth.
 */
export function ShortcutProvider({ children }: { children: ReactNode }) {
  const shortcuts = useRef(new Map<string, Shortcut>());
  const [version, setVersion] = useState(0);
  const registry = useRef<Registry>({
    register(s) {
      shortcuts.current.set(s.id, s);
      setVersion((v) => v + 1);
      return () => {
        if (shortcuts.current.get(s.id) === s) shortcuts.current.delete(s.id);
        setVersion((v) => v + 1);
      };
    },
    list: () => [...shortcuts.current.values()],
    version: 0,
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      for (const s of shortcuts.current.values()) {
        if (s.match(e)) {
          e.preventDefault();
          s.run();
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return <ShortcutContext.Provider value={{ ...registry.current, version }}>{children}</ShortcutContext.Provider>;
}

function useRegistry(): Registry {
  const r = useContext(ShortcutContext);
  if (!r) throw new Error('useShortcut outside ShortcutProvider');
  return r;
}

/** Registers a shortcut while the calling component is mounted; `run` may change every render. */
export function useShortcut(s: Shortcut, enabled = true): void {
  const registry = useRegistry();
  const run = useRef(s.run);
  run.current = s.run;
  const { id, keys: k, keyNames, description, group, match } = s;
  useEffect(() => {
    if (!enabled) return;
    return registry.register({ id, keys: k, ...(keyNames ? { keyNames } : {}), description, group, match, run: () => run.current() });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- match is a fresh closure each render; id identifies it
  }, [registry.register, id, k, keyNames, description, group, enabled]);
}

export function useShortcutList(): Shortcut[] {
  const registry = useRegistry();
  void registry.version;
  return registry.list();
}
