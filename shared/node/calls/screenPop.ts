import { randomUUID } from 'node:crypto';
import { parseScreenPopLink, type ScreenPopOffer } from '../../common/calls/screenPop';
import type { CallSnapshot } from '../../common/calls/contract';
import { DeskError } from '../../common/errors';
import type { LookupResult } from '../../common/match/contract';
import type { DeskCore } from '../host/deskCore';
import type { LookupService } from '../match/lookupService';
import type { CallService } from './callService';

/** The part of the desk a screen pop uses, and no more. */
type ScreenPopCore = Pick<DeskCore, 'audit' | 'clock' | 'events'>;

/**
 * Screen pops waiting for the rep (issue 12.9). Main keeps the one that waits (a newer
 * pop replaces it: the phone rang again), so a reloaded window still shows it; nothing
 * about the caller is written until the rep takes the call, and a dismissed pop leaves
 * only an audit line without the number.
 */
export class ScreenPopService {
  #pending: ScreenPopOffer | null = null;

  constructor(
    private readonly core: ScreenPopCore,
    private readonly calls: CallService,
    private readonly lookup: LookupService,
  ) {}

  offer(link: string, via: string): ScreenPopOffer {
    const parsed = parseScreenPopLink(link);
    if (!parsed.ok) throw new DeskError('invalid_request', `The screen-pop link was refused: ${parsed.message}`, parsed.fieldErrors);
    const p = parsed.value;
    const offer: ScreenPopOffer = {
      id: randomUUID(),
      receivedAt: this.core.clock.now().toISOString(),
      callbackNumber: p.callbackNumber ?? null,
      caseNumber: p.caseNumber ?? null,
      // A softphone that does not say who calls: most calls to the Contact Center are residents'.
      callerType: p.callerType ?? 'resident',
      callerName: p.callerName ?? null,
    };
    if (this.#pending) this.core.audit.append({ action: 'screen_pop.replaced', subject: `screen-pop:${this.#pending.id}` });
    this.#pending = offer;
    this.core.audit.append({
      action: 'screen_pop.offered',
      subject: `screen-pop:${offer.id}`,
      details: { via, withNumber: offer.callbackNumber !== null, withCase: offer.caseNumber !== null, callerType: offer.callerType },
    });
    this.core.events.publish('app:screenPop.changed', offer);
    return offer;
  }

  pending(): ScreenPopOffer | null {
    return this.#pending;
  }

  #take(offerId: string): ScreenPopOffer {
    const offer = this.#pending;
    if (!offer || offer.id !== offerId) throw DeskError.atField('offerId', 'That screen pop is no longer waiting (it was taken, let go, or a newer call came in).', 'not_found');
    return offer;
  }

  accept(offerId: string): { call: CallSnapshot; lookup: LookupResult | null } {
    const offer = this.#take(offerId);
    if (this.calls.current().call) {
      throw new DeskError('refused', 'A call is already open on this desk. End it and complete its wrap-up, then take the new call; the screen pop keeps waiting.');
    }
    const call = this.calls.start({
      callerType: offer.callerType,
      ...(offer.callerName ? { callerName: offer.callerName } : {}),
      ...(offer.callbackNumber ? { callbackNumber: offer.callbackNumber } : {}),
      ...(offer.caseNumber ? { caseNumber: offer.caseNumber } : {}),
    });
    this.#pending = null;
    this.core.audit.append({ action: 'screen_pop.accepted', subject: `screen-pop:${offer.id}`, details: { callId: call.call?.id ?? null } });
    this.core.events.publish('app:screenPop.changed', null);
    // The member lookup runs at once: it is audited and put on the call's timeline as any lookup is.
    const lookup = offer.caseNumber
      ? this.lookup.lookup({ firstName: '', lastName: '', dateOfBirth: '', sex: '', ssn: null, caseNumber: offer.caseNumber, applicationNumber: null })
      : null;
    return { call: lookup ? this.calls.current() : call, lookup };
  }

  dismiss(offerId: string): Record<string, never> {
    const offer = this.#take(offerId);
    this.#pending = null;
    this.core.audit.append({ action: 'screen_pop.dismissed', subject: `screen-pop:${offer.id}` });
    this.core.events.publish('app:screenPop.changed', null);
    return {};
  }
}
