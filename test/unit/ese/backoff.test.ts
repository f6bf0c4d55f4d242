import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, retryDelayMs } from '../../../shared/common/ese';
import { openTestDesk } from '../../helpers/temp';
import { validIntakeInput } from './support/intakes';
import { freePort } from './support/smtp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

describe('ESE retry back-off', () => {
  it('doubles from 30 s and stops growing at 30 min', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000, 1_800_000]);
    expect(retryDelayMs(0)).toBe(30_000);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts against a server that never answers, with the last reason kept`, async () => {
    const t = openTestDesk();
    cleanups.push(() => t.close());
    const port = await freePort();
    t.desk.services.ese.saveSettings({ settings: { host: '127.0.0.1', port, security: 'none' } });
    const r = t.desk.services.ese.submit({ intake: validIntakeInput() });
    await t.desk.services.ese.delivery.tick();
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      const row = t.desk.services.ese.store.get(r.id)!.outbox;
      expect(row).toMatchObject({ state: 'queued', attempts: i });
      t.clock.set(row.nextAttemptAt!);
      await t.desk.services.ese.delivery.tick();
    }
    const row = t.desk.services.ese.store.get(r.id)!.outbox;
    expect(row).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(row.lastError).toMatch(/Could not reach the mail server/);
    t.clock.advance(86_400_000);
    expect(await t.desk.services.ese.delivery.tick()).toMatchObject({ attempted: 0 });
    expect(t.desk.services.ese.store.countIntakes()).toBe(1);
  });
});
