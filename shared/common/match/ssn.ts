/**
 * SSN comparison and masking. An SSN is 9 digits, stored without dashes. It is shown
 * only as its last four (BRIEF standards) unless a user reveals it on purpose.
 */
export type SsnAgreement = 'exact' | 'one-digit' | 'swapped' | 'differs' | 'missing';

export function compareSsn(query: string | null | undefined, member: string | null | undefined): SsnAgreement {
  if (!query || !member) return 'missing';
  if (query === member) return 'exact';
  if (query.length !== member.length) return 'differs';
  const diff: number[] = [];
  for (let i = 0; i < query.length && diff.length <= 2; i++) if (query[i] !== member[i]) diff.push(i);
  if (diff.length === 1) return 'one-digit';
  if (diff.length === 2 && query[diff[0]!] === member[diff[1]!] && query[diff[1]!] === member[diff[0]!]) return 'swapped';
  return 'differs';
}

/** "123456789" → "***-**-6789"; empty when there is no SSN. */
export function maskSsn(ssn: string | null | undefined): string {
  if (!ssn) return '';
  return `***-**-${ssn.slice(-4)}`;
}

export function ssnLast4(ssn: string): string {
  return ssn.slice(-4);
}
