import type { TimelineEntry } from '../../../../shared/common/calls/timeline';
import { useLabels } from '../../app/useLabels';
import { useStrings } from '../../i18n';

/** What happened during the call, oldest first, each with its time. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const t = useStrings('call');
  const l = useLabels();
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="call-timeline" data-testid="call-timeline">
          {entries.map((e) => {
            const label = l.timelineKind(e.kind);
            // Many summaries already begin with their label ("Call started: …", "Client joined the line",
            // "Association ended: …"); say it once, the label's words in bold where the summary has them.
            const own = e.summary.slice(0, label.length).toLowerCase() === label.toLowerCase() && /[: ]/.test(e.summary.charAt(label.length));
            return (
              <li key={e.id} data-kind={e.kind}>
                <time dateTime={e.at}>{t('timeline.at', { at: e.at })}</time>{' '}
                {own ? (
                  <>
                    <strong>{e.summary.slice(0, label.length)}</strong>
                    {e.summary.slice(label.length)}
                  </>
                ) : (
                  <>
                    <strong>{label}</strong>: {e.summary}
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
