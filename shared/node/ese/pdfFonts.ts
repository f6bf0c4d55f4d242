import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

/**
 * The ESE PDF's typeface: DejaVu Sans (Bitstream Vera licence, DejaVu changes in the
 * public domain; node_modules/dejavu-fonts-ttf/LICENSE), embedded and subset by
 * pdfkit. pdfkit's built-in Helvetica draws WinAnsi only, so "Nguyễn" lost its
 * accents and other scripts became "?"; a resident's name must print as typed.
 */
export const PDF_FONTS = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
} as const;

// In Electron's CommonJS bundle import.meta.url names the bundle (build/build-electron.mjs), whose node_modules hold the font.
const requireHere = createRequire(import.meta.url);

export function pdfFontFile(style: keyof typeof PDF_FONTS): string {
  return requireHere.resolve(`dejavu-fonts-ttf/ttf/${PDF_FONTS[style]}`);
}

let regular: fontkit.Font | undefined;

/** Characters the typeface has no glyph for (they would print as empty boxes), so the page can say so. */
export function missingGlyphs(text: string): string[] {
  regular ??= fontkit.openSync(pdfFontFile('regular')) as fontkit.Font;
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20) continue;
    if (!regular.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
}
