import type { FocusEvent, InputHTMLAttributes, KeyboardEvent, ReactNode } from 'react';
import { TextField } from './Field';

/** The one way a date is typed and shown in kynect Desk: what every request schema checks. */
export const DATE_FORMAT = 'YYYY-MM-DD';

type Props = { label: string; hint?: ReactNode; error?: string | undefined; className?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'inputMode' | 'autoComplete' | 'placeholder'
>;

/**
 * The Agent Portal shows a date of birth as MM/DD/YYYY (seed 001, line 48), so an Agent on
 * the line may read one that way: typed so, it becomes YYYY-MM-DD when the rep leaves the
 * field, and the field shows the one format again. Anything else is left for the request's
 * own check to explain at the field.
 */
export function fromPortalDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [month, day] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Every date field of the app: typed as YYYY-MM-DD in a plain text box (the browser's
 * date picker shows the machine's locale format and differs between machines), the
 * format first in its hint. Enter in it never submits its form: a rep half-way through
 * a date must not send a request with it; Tab moves on to the button.
 */
export function DateField({ hint, onKeyDown, onBlur, ...props }: Props) {
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    onKeyDown?.(e);
    if (e.key === 'Enter') e.preventDefault();
  };
  const leave = (e: FocusEvent<HTMLInputElement>) => {
    const iso = fromPortalDate(e.currentTarget.value);
    if (iso) {
      // Through the input's own setter and event, so the form's onChange sees it as typed.
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(e.currentTarget, iso);
      e.currentTarget.dispatchEvent(new Event('input', { bubbles: true }));
    }
    onBlur?.(e);
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
      onBlur={leave}
    />
  );
}
