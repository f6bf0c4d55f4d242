import { useEffect, useState, type FormEvent } from 'react';
import type { Disposition } from '../../../../shared/common/calls/dispositions';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { TextAreaField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';

const toText = (list: Disposition[]) => list.map((d) => `${d.code}: ${d.label}`).join('\n');

/** "code: label" per line → the list main validates (codes, duplicates, at least one). */
export function parseDispositionLines(text: string): { code: string; label: string }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const i = l.indexOf(':');
      return i < 0 ? { code: l, label: '' } : { code: l.slice(0, i).trim(), label: l.slice(i + 1).trim() };
    });
}

/** Line numbers for the field paths main returns ("dispositions.3.code" → line 4). */
function lineErrors(error: DeskErrorShape | null): string | undefined {
  if (!error?.fieldErrors) return undefined;
  return Object.entries(error.fieldErrors)
    .map(([path, message]) => {
      const m = /^dispositions\.(\d+)\./.exec(path);
      return m ? `Line ${Number(m[1]) + 1}: ${message}` : message;
    })
    .join(' ');
}

/** Supervisors keep the disposition list a call must close with. */
export function DispositionSettings() {
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
      announce(`Disposition list saved: ${r.value.length} dispositions.`);
    } else setError(r.error);
  };
  return (
    <form className="card" onSubmit={save} noValidate aria-labelledby="dispositions-title" data-testid="disposition-settings">
      <h2 id="dispositions-title">Disposition list (supervisor)</h2>
      <FormError error={error} />
      <TextAreaField
        label="Dispositions"
        hint="One per line as code: label. Codes are lowercase letters, digits and _; reps choose by label."
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={lineErrors(error)}
        rows={8}
      />
      <div className="actions">
        <button type="submit" className="button">
          Save disposition list
        </button>
      </div>
    </form>
  );
}
