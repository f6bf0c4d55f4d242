import { timelineKindLabels, type TimelineEntry } from '../../../../shared/common/calls/timeline';
import { useStrings } from '../../i18n';

/** What happened during the call, oldest first, each with its time. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const t = useStrings('call');
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="call-timeline" data-testid="call-timeline">
          {entries.map((e) => {
            const label = timelineKindLabels[e.kind];
            // Many summaries already begin with their label ("Call started: …"); say it once.
            const text = e.summary.toLowerCase().startsWith(`${label.toLowerCase()}: `) ? e.summary.slice(label.length + 2) : e.summary;
            return (
              <li key={e.id} data-kind={e.kind}>
                <time dateTime={e.at}>{t('timeline.at', { at: e.at })}</time> <strong>{label}</strong>: {text}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
