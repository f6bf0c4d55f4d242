import { useMemo } from 'react';
import type { CallerType } from '../../../shared/common/calls/callerTypes';
import type { CallLanguage } from '../../../shared/common/calls/language';
import type { CallState } from '../../../shared/common/calls/session';
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
  return useMemo(
    () => ({
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
    }),
    [t],
  );
}

export type Labels = ReturnType<typeof useLabels>;
