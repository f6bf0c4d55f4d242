import { useEffect, useRef } from 'react';
import type { DeskErrorShape } from '../../../shared/common/errors';

/**
 * The message of a refused request, above the form. It takes focus so a
 * keyboard user lands on what went wrong; the fields show their own errors.
 */
export function FormError({ error }: { error: DeskErrorShape | null | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const fields = error.fieldErrors ? Object.keys(error.fieldErrors).length : 0;
  return (
    <div ref={ref} className="notice notice--error" role="alert" tabIndex={-1} data-testid="form-error">
      <strong>{fields > 1 ? `${fields} fields need attention.` : error.message}</strong>
      {fields > 1 ? <span> Each one says what to fix.</span> : null}
    </div>
  );
}

/** The error for one field, by its path in the request. */
export function fieldError(error: DeskErrorShape | null | undefined, field: string): string | undefined {
  return error?.fieldErrors?.[field];
}
