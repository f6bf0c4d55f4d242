import { timelineKindLabels, type TimelineEntry } from '../../../../shared/common/calls/timeline';

/** What happened during the call, oldest first, each with its time. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {entries.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ol className="call-timeline" data-testid="call-timeline">
          {entries.map((e) => (
            <li key={e.id} data-kind={e.kind}>
              <time dateTime={e.at}>{new Date(e.at).toLocaleTimeString()}</time> <strong>{timelineKindLabels[e.kind]}</strong>: {e.summary}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
