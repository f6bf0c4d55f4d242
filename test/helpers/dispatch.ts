import { expect } from 'vitest';
import type { DeskErrorShape } from '../../shared/common/errors';
import type { Desk } from '../../shared/node/host/desk';

/**
 * A channel called through the router, as the renderer calls it: `call` expects a
 * value, `refusedBy` expects the typed error a form would show.
 */
export function dispatcher(desk: () => Desk) {
  return {
    call: async (channel: string, request: unknown): Promise<any> => {
      const r = await desk().router.dispatch(channel, request, { via: 'test' });
      if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
      return r.value;
    },
    refusedBy: async (channel: string, request: unknown): Promise<DeskErrorShape> => {
      const r = await desk().router.dispatch(channel, request, { via: 'test' });
      expect(r.ok).toBe(false);
      return (r as { ok: false; error: DeskErrorShape }).error;
    },
  };
}
