/**
 * pdfkit's built-in fonts only draw WinAnsi (Latin-1 plus a few signs); anything
 * else comes out as the wrong letters, which on a name is worse than nothing.
 * Letters with accents outside that set lose the accent (Nguyễn → Nguyen);
 * what still does not fit becomes "?", and the caller says so on the page.
 * The email body is UTF-8 and always carries the exact text.
 */
const EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const SPECIAL: Record<string, string> = { Đ: 'D', đ: 'd', Ł: 'L', ł: 'l', Ħ: 'H', ħ: 'h', ı: 'i', ß: 'ß' };

function fits(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || EXTRA.has(ch);
}

export function toWinAnsi(text: string): { text: string; lossy: boolean } {
  let lossy = false;
  let out = '';
  for (const ch of text) {
    if (fits(ch)) {
      out += ch;
      continue;
    }
    const mapped = SPECIAL[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '');
    if (mapped && [...mapped].every(fits)) out += mapped;
    else {
      out += '?';
      lossy = true;
    }
  }
  return { text: out, lossy };
}
