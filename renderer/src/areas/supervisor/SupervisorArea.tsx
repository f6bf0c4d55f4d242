import { useCallback, useEffect, useState } from 'react';
import type { DeskErrorShape } from '../../../../shared/common/errors';
import type { DayFigures, Floor } from '../../../../shared/common/supervisor/contract';
import { useInvoke } from '../../ipc/desk';
import { useAnnounce } from '../../ui/Announcer';
import { FormError } from '../../ui/FormError';
import { SupervisorCharts } from './charts/SupervisorCharts';
import { SupervisorSearch } from './search/SupervisorSearch';

/** Polling the store every 15 s costs it one indexed query a supervisor; the floor moves slower than that. */
const FLOOR_REFRESH_MS = 15_000;

const stateLabel: Record<Floor['calls'][number]['state'], string> = { active: 'Talking', on_hold: 'On hold', wrap_up: 'Wrap-up' };

export function minutes(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}

function FloorTable({ floor }: { floor: Floor }) {
  const flagged = floor.calls.filter((c) => c.flag).length;
  return (
    <section className="card" aria-labelledby="floor-title" data-testid="supervisor-floor">
      <h2 id="floor-title">Live floor</h2>
      <p data-testid="floor-scope">{floor.scopeNote}</p>
      <p>
        {floor.calls.length} open {floor.calls.length === 1 ? 'call' : 'calls'}
        {flagged ? `, ${flagged} flagged (long hold or long wrap-up)` : ''}.
      </p>
      {floor.calls.length > 0 && (
        <table>
          <caption className="visually-hidden">Open calls on every desk, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Desk</th>
              <th scope="col">Operator</th>
              <th scope="col">Caller type</th>
              <th scope="col">State</th>
              <th scope="col">Talk</th>
              <th scope="col">Hold</th>
              <th scope="col">Wrap-up</th>
              <th scope="col">Attention</th>
            </tr>
          </thead>
          <tbody>
            {floor.calls.map((c) => (
              <tr key={c.callId}>
                <td>{c.deskName}</td>
                <td>{c.operatorName ?? '—'}</td>
                <td>{c.callerType}</td>
                <td>{stateLabel[c.state]}</td>
                <td>{minutes(c.talkSeconds)}</td>
                <td>{minutes(c.holdSeconds)}</td>
                <td>{minutes(c.wrapUpSeconds)}</td>
                <td>{c.flag ? <strong>{c.flag}</strong> : 'None'}</td>
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
        announce(`Figures for ${period === 'today' ? 'today' : 'this week'} loaded.`);
      } else setError(r.error);
    });
  }, [invoke, period, announce]);
  return (
    <div data-testid="supervisor-area">
      <FormError error={error} />
      {floor && <FloorTable floor={floor} />}
      <fieldset className="card">
        <legend>Period</legend>
        {(['today', 'week'] as const).map((p) => (
          <label key={p}>
            <input type="radio" name="supervisor-period" value={p} checked={period === p} onChange={() => setPeriod(p)} /> {p === 'today' ? 'Today' : 'This week'}
          </label>
        ))}
      </fieldset>
      {figures && <SupervisorCharts figures={figures} period={period} />}
      <SupervisorSearch />
    </div>
  );
}
