import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import type { CallerType } from '../../../shared/common/calls/callerTypes';
import type { CallLanguage } from '../../../shared/common/calls/language';
import type { CallSession, CallState } from '../../../shared/common/calls/session';
import { formatCallbackNumber } from '../../../shared/common/calls/fields';
import type { ScreenPopOffer } from '../../../shared/common/calls/screenPop';
import type { TimelineKind } from '../../../shared/common/calls/timeline';
import type { OutboxState } from '../../../shared/common/ese/contract';
import type { PreferredContact, WrittenRequestAnswer } from '../../../shared/common/ese/intake';
import type { SmtpSecurity } from '../../../shared/common/ese/settings';
import type { OperatorRole } from '../../../shared/common/foundation/operator';
import { useStrings } from '../i18n';
import type { labels } from './labels';

type Identifier = keyof (typeof labels)['identifier'];

/** The names of the domain's codes in the screen's language: `const l = useLabels()`, then `l.callState(call.state)`. */
export function useLabels() {
  const t = useStrings('labels');
  return useMemo(() => labelsOf(t), [t]);
}

/** The same for a `t` of the labels namespace (tests take one from i18n.getFixedT). */
export function labelsOf(t: TFunction<'labels'>) {
  const onBar = (type: CallerType, clientOnLine: boolean, short = false): string => {
    if (type === 'agent_three_way')
      return clientOnLine
        ? t(short ? 'caller.onLineShort' : 'callerType.agent_three_way', { type: t('callerType.agent') })
        : t(short ? 'caller.agentClientLeftShort' : 'caller.agentClientLeft');
    return clientOnLine ? t(short ? 'caller.onLineShort' : 'caller.onLine', { type: t(`callerType.${type}`) }) : t(`callerType.${type}`);
  };
  return {
    role: (code: OperatorRole) => t(`role.${code}`),
    callerType: (code: CallerType) => t(`callerType.${code}`),
    callState: (code: CallState) => t(`callState.${code}`),
    callLanguage: (code: CallLanguage) => t(`callLanguage.${code}`),
    timelineKind: (code: TimelineKind) => t(`timelineKind.${code}`),
    outboxState: (code: OutboxState) => t(`outboxState.${code}`),
    // States a newer central store may report: shown as they come rather than as a key.
    eseState: (code: string) => t(`eseState.${code}`, { defaultValue: code }),
    preferredContact: (code: PreferredContact) => t(`preferredContact.${code}`),
    writtenRequest: (code: WrittenRequestAnswer) => t(`writtenRequest.${code}`),
    smtpSecurity: (code: SmtpSecurity) => t(`smtpSecurity.${code}`),
    identifier: (code: Identifier) => t(`identifier.${code}`),
    /** The caller type as the call bar reads it, a client who joined later taken into account; `short` for a narrow bar. */
    callerOnBar: onBar,
    /** Who is calling, with their name when given. */
    caller: (session: Pick<CallSession, 'callerType' | 'clientOnLine' | 'callerName'>): string => {
      const type = onBar(session.callerType, session.clientOnLine);
      return session.callerName ? t('caller.named', { type, name: session.callerName }) : type;
    },
    /** A screen pop's caller, number and case, as the rep is asked to take it. */
    offer: (o: Pick<ScreenPopOffer, 'callerType' | 'callerName' | 'callbackNumber' | 'caseNumber'>): string => {
      const parts = { kind: t(`callerType.${o.callerType}`), who: o.callerName ? t('offer.who', { name: o.callerName }) : '' };
      const offer = o.callbackNumber ? t('offer.fromNumber', { ...parts, number: formatCallbackNumber(o.callbackNumber) }) : t('offer.fromWithheld', parts);
      return o.caseNumber ? t('offer.aboutCase', { offer, caseNumber: o.caseNumber }) : offer;
    },
  };
}

export type Labels = ReturnType<typeof labelsOf>;
