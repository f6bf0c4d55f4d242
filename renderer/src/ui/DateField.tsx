import type { InputHTMLAttributes, KeyboardEvent, ReactNode } from 'react';
import { TextField } from './Field';

/** The one way a date is typed and shown in kynect Desk: what every request schema checks. */
export const DATE_FORMAT = 'YYYY-MM-DD';

type Props = { label: string; hint?: ReactNode; error?: string | undefined; className?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'inputMode' | 'autoComplete' | 'placeholder'
>;

/**
 * Every date field of the app: typed as YYYY-MM-DD in a plain text box (the browser's
 * date picker shows the machine's locale format and differs between machines), the
 * format first in its hint. Enter in it never submits its form: a rep half-way through
 * a date must not send a request with it; Tab moves on to the button.
 */
export function DateField({ hint, onKeyDown, ...props }: Props) {
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    onKeyDown?.(e);
    if (e.key === 'Enter') e.preventDefault();
  };
  return (
    <TextField
      {...props}
      hint={
        hint ? (
          <>
            {DATE_FORMAT} · {hint}
          </>
        ) : (
          DATE_FORMAT
        )
      }
      type="text"
      inputMode="numeric"
      autoComplete="off"
      maxLength={10}
      data-date-field=""
      onKeyDown={onKey}
    />
  );
}
