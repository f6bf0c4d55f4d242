/**
 * Every feature service, built on the same core. Features add one line each.
 */
import { PartnerConsentService } from '../association/partnerConsent';
import { AssociationService } from '../association/service';
import { CallService } from '../calls/callService';
import { ScreenPopService } from '../calls/screenPop';
import { CentralService } from '../central/service';
import { ConsentScriptStore } from '../consent/scriptStore';
import { EseService } from '../ese/service';
import { createMatchServices, type MatchServices } from '../match/service';
import type { DeskCore } from './deskCore';
import { SepService } from '../sep/sepService';
import { supervisorFor, type SupervisorService } from '../supervisor/service';

export interface DeskServices {
  match: MatchServices;
  ese: EseService;
  association: AssociationService;
  partnerConsent: PartnerConsentService;
  consentScripts: ConsentScriptStore;
  calls: CallService;
  screenPop: ScreenPopService;
  sep: SepService;
  central: CentralService;
  supervisor: SupervisorService;
}

export function createServices(core: DeskCore): DeskServices {
  // First: the call service is the timeline every other feature records to.
  const calls = installCalls(core);
  const match = createMatchServices(core);
  const central = new CentralService(core, match.store);
  const consentScripts = new ConsentScriptStore(core);
  const ese = new EseService(core);
  const association = new AssociationService(core, match.lookup, calls, consentScripts, central);
  const partnerConsent = new PartnerConsentService(core, calls, consentScripts);
  // Ending a call asks first about what is half done in it, and settles it at once with the right reason (issue 12.3).
  for (const f of [association, partnerConsent, ese]) calls.useUnfinished((callId) => f.unfinishedIn(callId));
  for (const f of [association, partnerConsent]) calls.whenEnded((callId) => f.endForCall(callId));
  return {
    match,
    ese,
    association,
    partnerConsent,
    consentScripts,
    calls,
    screenPop: new ScreenPopService(core, calls, match.lookup),
    sep: new SepService({ db: core.db, clock: core.clock, audit: core.audit, callActivity: core.callActivity, log: core.log }),
    central,
    supervisor: supervisorFor({ ...core, dispositions: () => calls.dispositions() }),
  };
}

/** The call service also carries other features' records to the active call's timeline, and recovers open calls at start. */
function installCalls(core: DeskCore): CallService {
  const calls = new CallService(core);
  core.useCallActivity(calls);
  core.lock.useOpenCall(() => calls.openCallSummary());
  core.onStart(() => calls.recoverOpenCalls());
  return calls;
}
