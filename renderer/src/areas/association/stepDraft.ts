import { useCallback, useEffect, useState } from 'react';

const PREFIX = 'kynect.assoc.';

function read<T extends Record<string, string>>(key: string, initial: T): T {
  try {
    const raw = window.sessionStorage.getItem(key);
    if (!raw) return initial;
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return initial;
    const out = { ...initial };
    for (const k of Object.keys(initial) as (keyof T)[]) {
      const v = (parsed as Record<string, unknown>)[k as string];
      if (typeof v === 'string') out[k] = v as T[keyof T];
    }
    return out;
  } catch {
    return initial;
  }
}

/**
 * What the rep typed into an association step, kept over a reload (issue 12.3) as the
 * notes and the ESE draft are. Kept in this window's session storage, which lives in
 * memory and ends with the window: it is typing not yet sent, and main gets it when the
 * step is submitted. Only one association's typing is kept; `omit` fields (the SSN) never are.
 */
export function useStepDraft<T extends Record<string, string>>(sessionId: string, step: string, initial: T, omit: readonly (keyof T)[] = []) {
  const key = `${PREFIX}${sessionId}.${step}`;
  const [value, setValue] = useState<T>(() => read(key, initial));
  useEffect(() => {
    try {
      const kept = { ...value };
      for (const k of omit) delete kept[k];
      for (const k of Object.keys(window.sessionStorage)) if (k.startsWith(PREFIX) && !k.startsWith(`${PREFIX}${sessionId}.`)) window.sessionStorage.removeItem(k);
      window.sessionStorage.setItem(key, JSON.stringify(kept));
    } catch {
      // Storage full or refused: the typing is only lost over a reload, as before.
    }
    // `omit` is a constant list at each call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, sessionId, value]);
  const update = useCallback((change: Partial<T>) => setValue((v) => ({ ...v, ...change })), []);
  return [value, update] as const;
}
