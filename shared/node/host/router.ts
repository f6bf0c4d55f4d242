import { DeskError, type Result } from '../../common/errors';
import { channels, isChannelName, type ChannelName, type RequestOf, type ResponseOf } from '../../common/ipc/contract';
import { parseUnknown } from '../../common/validation';
import type { Logger } from '../log';
import { whileServing } from './serving';

export interface CallContext {
  /** Which host the request came through; services may refuse what a host must not do. */
  via: 'electron' | 'web' | 'cli' | 'test';
}

export type Handler<K extends ChannelName> = (request: RequestOf<K>, ctx: CallContext) => ResponseOf<K> | Promise<ResponseOf<K>>;
/** A handler for every channel: a channel without one fails to compile. */
export type Handlers = { [K in ChannelName]: Handler<K> };
export type HandlersFor<K extends ChannelName> = { [P in K]: Handler<P> };

export interface Router {
  dispatch(channel: unknown, request: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

/**
 * The single door into main: every request is parsed against its channel's
 * schema, every response is checked against its own (a handler bug becomes a
 * logged `internal` error, never a malformed answer), and nothing throws out.
 */
export function createRouter(handlers: Handlers, log: Logger): Router {
  return {
    async dispatch(channel, request, ctx) {
      if (!isChannelName(channel)) {
        return { ok: false, error: { code: 'unknown_channel', message: `There is no channel named ${JSON.stringify(String(channel)).slice(0, 80)}.` } };
      }
      const spec = channels[channel];
      const started = performance.now();
      // Channel, outcome and time only: request and response bodies carry residents' data and are never logged.
      const done = (result: Result<unknown>): Result<unknown> => {
        const ms = Math.round((performance.now() - started) * 10) / 10;
        if (ms > 200) log.warn('slow request', { channel, via: ctx.via, ms });
        else log.debug('request', { channel, via: ctx.via, ms, outcome: result.ok ? 'ok' : result.error.code });
        return result;
      };
      try {
        const parsed = parseUnknown(spec.request, request);
        const handler = handlers[channel] as (req: unknown, ctx: CallContext) => unknown;
        const value = await whileServing(() => handler(parsed, ctx));
        const checked = spec.response.safeParse(value);
        if (!checked.success) {
          log.error('handler returned a response outside its schema', {
            channel,
            issues: checked.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })),
          });
          return done({ ok: false, error: { code: 'internal', message: 'kynect Desk hit an internal error. The log has details.' } });
        }
        return done({ ok: true, value: checked.data });
      } catch (error) {
        if (error instanceof DeskError) return done({ ok: false, error: error.toShape() });
        // Another program holding the file (a sqlite3 shell, a backup tool): say so, not "internal error" (issue 14 §8).
        const code = (error as { code?: unknown } | null)?.code;
        if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
          log.warn('database busy', { channel, code });
          return done({
            ok: false,
            error: {
              code: 'unavailable',
              message: 'The database is busy: another program is using the kynect Desk file. Nothing was changed; try again in a moment, and close that program if this goes on.',
            },
          });
        }
        log.error('handler failed', { channel, error });
        return done({ ok: false, error: { code: 'internal', message: 'kynect Desk hit an internal error. The log has details.' } });
      }
    },
  };
}
