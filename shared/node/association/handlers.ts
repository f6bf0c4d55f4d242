import type { associationChannels } from '../../common/association/contract';
import type { partnerChannels } from '../../common/association/partnerContract';
import type { DeskServices } from '../host/services';
import type { HandlersFor } from '../host/router';

export function associationHandlers(desk: { readonly services: Pick<DeskServices, 'association'> }): HandlersFor<keyof typeof associationChannels> {
  const a = desk.services.association;
  return {
    'app:association.start': () => a.start(),
    'app:association.current': () => a.current(),
    'app:association.agent': ({ sessionId, agent }) => a.agent(sessionId, agent),
    'app:association.clientOnLine': ({ sessionId, onLine }) => a.clientOnLine(sessionId, onLine),
    'app:association.identify': ({ sessionId, client }) => a.identify(sessionId, client),
    'app:association.situation': ({ sessionId, situation, choice, otherAgents }) => a.situation(sessionId, situation, choice, otherAgents),
    'app:association.lookupAgain': ({ sessionId }) => a.lookupAgain(sessionId),
    'app:association.caseNotCertain': ({ sessionId }) => a.caseNotCertain(sessionId),
    'app:association.consentStart': ({ sessionId, contact }) => a.consentStart(sessionId, contact),
    'app:association.consentRequest': ({ sessionId }) => a.consentRequest(sessionId),
    'app:association.consentOutcome': ({ sessionId, outcome }) => a.consentOutcome(sessionId, outcome),
    'app:association.consentAgentLeft': ({ sessionId }) => a.consentAgentLeft(sessionId),
    'app:association.consentEnd': ({ sessionId }) => a.consentEnd(sessionId),
    'app:association.verbalStart': ({ sessionId, locale }) => a.verbalStart(sessionId, locale),
    'app:association.verbalRead': ({ sessionId, ackId }) => a.verbalRead(sessionId, ackId),
    'app:association.verbalAnswer': ({ sessionId, ackId, answer }) => a.verbalAnswer(sessionId, ackId, answer),
    'app:association.verbalAccept': ({ sessionId }) => a.verbalAccept(sessionId),
    'app:association.consentRefuse': ({ sessionId, reason }) => a.consentRefuse(sessionId, reason),
    'app:association.confirm': ({ sessionId }) => a.confirm(sessionId),
    'app:association.records': ({ limit }) => a.records(limit),
    'app:association.recordFhir': ({ recordId }) => a.recordFhir(recordId),
  };
}

export function partnerHandlers(desk: { readonly services: Pick<DeskServices, 'partnerConsent'> }): HandlersFor<keyof typeof partnerChannels> {
  const p = desk.services.partnerConsent;
  return {
    'app:partner.start': (input) => p.start(input),
    'app:partner.current': () => p.current(),
    'app:partner.read': ({ consentId, ackId }) => p.read(consentId, ackId),
    'app:partner.answer': ({ consentId, ackId, answer }) => p.answer(consentId, ackId, answer),
    'app:partner.accept': ({ consentId }) => p.accept(consentId),
    'app:partner.refuse': ({ consentId, reason }) => p.refuse(consentId, reason),
  };
}
