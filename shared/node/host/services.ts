/**
 * Every feature service, built on the same core. Features add one line each.
 */
import { CallService } from '../calls/callService';
import type { DeskCore } from './desk';

export interface DeskServices {
  calls: CallService;
}

export function createServices(core: DeskCore): DeskServices {
  return {
    calls: installCalls(core),
  };
}

/** The call service also carries other features' records to the active call's timeline, and recovers open calls at start. */
function installCalls(core: DeskCore): CallService {
  const calls = new CallService(core);
  core.useCallActivity(calls);
  core.onStart(() => calls.recoverOpenCalls());
  return calls;
}
