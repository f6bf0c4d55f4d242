/**
 * The ways the attack campaign (issue 14 §1) typed one SSN, 123-45-6789, into
 * free text. Every place that stores or sends text must keep none of them whole.
 */
export const SSN_SHAPES: readonly string[] = [
  '123-45-6789',
  '123.45.6789',
  '123–45–6789', // en dash
  '123—45—6789', // em dash
  '123\u200b-45-6789', // zero-width space inside
  '123-\u202e45-6789', // right-to-left override inside
  '１２３-４５-６７８９', // fullwidth digits
  '1 2 3 4 5 6 7 8 9',
  'SSN 123-456-789',
  '123 45 6789',
  '123456789',
  '123/45/6789',
  '١٢٣-٤٥-٦٧٨٩', // Arabic-Indic digits
];

/** Whether any text holds the digits of the campaign's SSN in any shape (digits only, after NFKC, ignoring every separator). */
export function holdsCampaignSsn(text: string): boolean {
  const digits = [...text.normalize('NFKC')]
    .map((c) => {
      if (/^[0-9]$/.test(c)) return c;
      const cp = c.codePointAt(0)!;
      if (cp >= 0x660 && cp <= 0x669) return String(cp - 0x660);
      return /^[\p{Cf}\p{Zs}\s\p{Pd}./_\u00b7]$/u.test(c) ? '' : '|';
    })
    .join('');
  return digits.includes('123456789');
}
