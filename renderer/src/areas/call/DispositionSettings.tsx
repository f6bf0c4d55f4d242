import { useEffect, useState, type FormEvent } from 'react';
import type { Disposition } from '../../../../shared/common/calls/dispositions';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { useInvoke } from '../../ipc/desk';
import { useStrings } from '../../i18n';
import { useAnnounce } from '../../ui/Announcer';
import { TextAreaField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';

const toText = (list: Disposition[]) => list.map((d) => `${d.combinable ? '+ ' : ''}${d.code}: ${d.label}`).join('\n');

/**
 * "code: label" per line, "+ code: label" for a code that may close a call with other
 * combinable ones → the list main validates (codes, duplicates, at least one). The mark
 * makes the flag survive a save: without it, saving the list would quietly make every
 * code stand alone.
 */
export function parseDispositionLines(text: string): { code: string; label: string; combinable: boolean }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const combinable = line.startsWith('+');
      const l = combinable ? line.slice(1).trim() : line;
      const i = l.indexOf(':');
      return i < 0 ? { code: l, label: '', combinable } : { code: l.slice(0, i).trim(), label: l.slice(i + 1).trim(), combinable };
    });
}

/** Line numbers for the field paths main returns ("dispositions.3.code" → line 4). */
function lineErrors(error: DeskErrorShape | null, t: ReturnType<typeof useStrings<'call'>>): string | undefined {
  if (!error?.fieldErrors) return undefined;
  return Object.entries(error.fieldErrors)
    .map(([path, message]) => {
      const m = /^dispositions\.(\d+)\./.exec(path);
      return m ? t('dispositions.line', { line: Number(m[1]) + 1, message }) : message;
    })
    .join(' ');
}

/** Supervisors keep the disposition list a call must close with. */
export function DispositionSettings() {
  const t = useStrings('call');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [text, setText] = useState('');
  const [error, setError] = useState<DeskErrorShape | null>(null);
  useEffect(() => {
    void invoke('app:call.dispositions.get', {}).then((r) => r.ok && setText(toText(r.value)));
  }, [invoke]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const r = await invoke('app:call.dispositions.save', { dispositions: parseDispositionLines(text) });
    if (r.ok) {
      setError(null);
      setText(toText(r.value));
      announce(t('dispositions.saved', { count: r.value.length }));
    } else setError(r.error);
  };
  return (
    <form className="card" onSubmit={save} noValidate aria-labelledby="dispositions-title" data-testid="disposition-settings">
      <h2 id="dispositions-title">{t('dispositions.title')}</h2>
      <FormError error={error} />
      <TextAreaField label={t('dispositions.label')} hint={t('dispositions.hint')} value={text} onChange={(e) => setText(e.target.value)} error={lineErrors(error, t)} rows={8} />
      <div className="actions">
        <button type="submit" className="button">
          {t('dispositions.save')}
        </button>
      </div>
    </form>
  );
}
