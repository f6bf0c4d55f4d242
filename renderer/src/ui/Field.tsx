import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useStrings } from '../i18n';

interface FieldFrameProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** The policy the error follows, as a tooltip and data-source: never in the words. */
  errorSource?: string | undefined;
  required?: boolean;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
  className?: string;
}

/**
 * Label, hint and error for one control, wired with aria-describedby and
 * aria-invalid so a screen reader reads the error with the field.
 */
export function FieldFrame({ label, hint, error, errorSource, required, children, className }: FieldFrameProps) {
  const t = useStrings('shell');
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required ? <span className="field__required"> {t('field.required')}</span> : null}
      </label>
      {hint ? (
        <div id={hintId} className="field__hint">
          {hint}
        </div>
      ) : null}
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <div id={errorId} className="field__error" {...(errorSource ? { title: t('cited.source', { source: errorSource }), 'data-source': errorSource } : {})}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </div>
      ) : null}
    </div>
  );
}

type Common = { label: string; hint?: ReactNode; error?: string | undefined; errorSource?: string | undefined; className?: string };

export function TextField({ label, hint, error, errorSource, className, required, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame label={label} hint={hint} error={error} errorSource={errorSource} required={required ?? false} {...(className ? { className } : {})}>
      {({ id, describedBy, invalid }) => <input id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} required={required} {...input} />}
    </FieldFrame>
  );
}

export function SelectField({ label, hint, error, errorSource, className, required, children, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldFrame label={label} hint={hint} error={error} errorSource={errorSource} required={required ?? false} {...(className ? { className } : {})}>
      {({ id, describedBy, invalid }) => (
        <select id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} required={required} {...select}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

export function TextAreaField({ label, hint, error, errorSource, className, required, ...area }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame label={label} hint={hint} error={error} errorSource={errorSource} required={required ?? false} {...(className ? { className } : {})}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} className="input input--area" aria-describedby={describedBy} aria-invalid={invalid || undefined} required={required} {...area} />
      )}
    </FieldFrame>
  );
}
