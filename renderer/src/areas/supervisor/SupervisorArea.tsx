import { useCallback, useEffect, useState } from 'react';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import type { DayFigures, Floor } from '../../../../shared/common/supervisor/contract';
import { formatClock } from '../../../../shared/common/format';
import { callerTypeLabel } from '../../../../shared/common/supervisor/drill';
import { useStrings } from '../../i18n';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { FormError } from '../../ui/FormError';
import { SupervisorCharts } from './charts/SupervisorCharts';
import { SupervisorSearch } from './search/SupervisorSearch';

/** Polling the store every 15 s costs it one indexed query a supervisor; the floor moves slower than that. */
const FLOOR_REFRESH_MS = 15_000;

function FloorTable({ floor }: { floor: Floor }) {
  const t = useStrings('supervisor');
  const flagged = floor.calls.filter((c) => c.flag).length;
  return (
    <section className="card" aria-labelledby="floor-title" data-testid="supervisor-floor">
      <h2 id="floor-title">{t('floor.title')}</h2>
      <p data-testid="floor-scope">{floor.scopeNote}</p>
      <p>
        {t('floor.openCalls', { count: floor.calls.length })}
        {flagged ? t('floor.flagged', { count: flagged }) : ''}.
      </p>
      {floor.calls.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('floor.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('floor.desk')}</th>
              <th scope="col">{t('floor.operator')}</th>
              <th scope="col">{t('floor.callerType')}</th>
              <th scope="col">{t('floor.state')}</th>
              <th scope="col">{t('floor.talk')}</th>
              <th scope="col">{t('floor.hold')}</th>
              <th scope="col">{t('floor.wrapUp')}</th>
              <th scope="col">{t('floor.attention')}</th>
            </tr>
          </thead>
          <tbody>
            {floor.calls.map((c) => (
              <tr key={c.callId}>
                <td>{c.deskName}</td>
                <td>{c.operatorName ?? '—'}</td>
                <td>{callerTypeLabel(c.callerType)}</td>
                <td>{t(`floor.states.${c.state}`)}</td>
                <td>{formatClock(c.talkSeconds)}</td>
                <td>{formatClock(c.holdSeconds)}</td>
                <td>{formatClock(c.wrapUpSeconds)}</td>
                <td>{c.flag ? <strong>{c.flag}</strong> : t('floor.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Supervisors only (the area is not in other roles' navigation, and main refuses them too). */
export function SupervisorArea() {
  const t = useStrings('supervisor');
  const invoke = useInvoke();
  const announce = useAnnounce();
  const [floor, setFloor] = useState<Floor | null>(null);
  const [figures, setFigures] = useState<DayFigures | null>(null);
  const [period, setPeriod] = useState<'today' | 'week'>('today');
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const refresh = useCallback(async () => {
    const r = await invoke('app:supervisor.floor', {});
    if (r.ok) setFloor(r.value);
    else setError(r.error);
  }, [invoke]);
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), FLOOR_REFRESH_MS);
    return () => clearInterval(t);
  }, [refresh]);
  useEffect(() => {
    void invoke('app:supervisor.figures', { period }).then((r) => {
      if (r.ok) {
        setFigures(r.value);
        announce(t(period === 'today' ? 'period.loadedToday' : 'period.loadedWeek'));
      } else setError(r.error);
    });
  }, [invoke, period, announce, t]);
  return (
    <div data-testid="supervisor-area">
      <FormError error={error} />
      {floor && <FloorTable floor={floor} />}
      <fieldset className="card">
        <legend>{t('period.legend')}</legend>
        {(['today', 'week'] as const).map((p) => (
          <label key={p}>
            <input type="radio" name="supervisor-period" value={p} checked={period === p} onChange={() => setPeriod(p)} /> {t(p === 'today' ? 'period.today' : 'period.week')}
          </label>
        ))}
      </fieldset>
      {figures && <SupervisorCharts figures={figures} period={period} />}
      <SupervisorSearch />
    </div>
  );
}
