import { useEffect, useState } from 'react';

/**
 * Whether a media query matches, kept current as the window is resized: for words that must
 * change with the width (a shorter label), where CSS alone would leave both in the text.
 */
export function useNarrow(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}
