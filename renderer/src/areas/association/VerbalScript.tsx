import { useEffect, useRef } from 'react';
import { useStrings } from '../../i18n';

export interface ScriptView {
  locale: 'en' | 'es';
  title: string;
  intro: string;
  closing: string;
  acknowledgments: { id: string; text: string; readAt: string | null; answer: 'agree' | 'disagree' | null }[];
}

interface Props {
  script: ScriptView;
  canAccept: boolean;
  /** Who answers: "client" (an Agent's association) or "resident" (kynect resources). */
  who: 'client' | 'resident';
  /** Keeps element ids apart when two scripts could be on one screen. */
  idPrefix?: string;
  onRead: (ackId: string, n: number) => void;
  onAnswer: (ackId: string, answer: 'agree' | 'disagree', n: number) => void;
  onAccept: () => void;
}

/**
 * A verbal consent script rendered large, in its own language, each statement with
 * "read aloud" and the answer. A button that disables itself would drop keyboard
 * focus to the page, so after each step focus moves on to what the rep does next
 * (read → agrees → next statement → Accept), once main's view has it enabled.
 */
export function VerbalScript({ script, canAccept, who, idPrefix = '', onRead, onAnswer, onAccept }: Props) {
  const t = useStrings('association');
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    const el = document.getElementById(id) as HTMLButtonElement | null;
    if (el && !el.disabled) {
      el.focus();
      focusNext.current = null;
    }
  }, [script]);
  const acks = script.acknowledgments;
  const acceptId = `${idPrefix}consent-accept`;
  const afterAnswer = (i: number) => (i + 1 < acks.length ? `${idPrefix}ack-${acks[i + 1]!.id}-read` : acceptId);
  // Where focus goes when the script appears (the page's focus keeper looks for it): the first statement to read.
  const firstUnread = acks.findIndex((a) => !a.readAt);
  return (
    <div className="assoc-script" lang={script.locale} data-testid={`${idPrefix}verbal-script`}>
      <h3>{script.title}</h3>
      <p className="assoc-script__text">{script.intro}</p>
      <ol className="assoc-acks">
        {acks.map((a, i) => (
          <li key={a.id} className="assoc-ack">
            <p className="assoc-script__text">{a.text}</p>
            <div className="actions" lang="en" role="group" aria-label={t('script.statement', { n: i + 1 })}>
              <button
                type="button"
                id={`${idPrefix}ack-${a.id}-read`}
                className="button"
                aria-pressed={Boolean(a.readAt)}
                disabled={Boolean(a.readAt)}
                data-focus-next={i === firstUnread ? '' : undefined}
                onClick={() => {
                  focusNext.current = `${idPrefix}ack-${a.id}-agree`;
                  onRead(a.id, i + 1);
                }}
              >
                {t(a.readAt ? 'script.readAloudDone' : 'script.readAloud')}
              </button>
              <button
                type="button"
                id={`${idPrefix}ack-${a.id}-agree`}
                className="button"
                aria-pressed={a.answer === 'agree'}
                disabled={!a.readAt}
                onClick={() => {
                  focusNext.current = afterAnswer(i);
                  onAnswer(a.id, 'agree', i + 1);
                }}
              >
                {t(who === 'client' ? 'script.clientAgrees' : 'script.residentAgrees')}
              </button>
              <button type="button" className="button" aria-pressed={a.answer === 'disagree'} disabled={!a.readAt} onClick={() => onAnswer(a.id, 'disagree', i + 1)}>
                {t(who === 'client' ? 'script.clientDisagrees' : 'script.residentDisagrees')}
              </button>
              <span className="assoc-ack__state">
                {t(a.answer === 'agree' ? 'script.agreed' : a.answer === 'disagree' ? 'script.disagreed' : a.readAt ? 'script.readNoAnswer' : 'script.notRead')}
              </span>
            </div>
          </li>
        ))}
      </ol>
      <p className="assoc-script__text">{script.closing}</p>
      <div className="actions" lang="en">
        <button type="button" id={acceptId} className="button button--primary" disabled={!canAccept} onClick={onAccept}>
          {t('script.accept')}
        </button>
        {!canAccept ? <span className="muted">{t('script.acceptWhen')}</span> : null}
      </div>
    </div>
  );
}
