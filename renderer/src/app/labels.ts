import { identifierLabels } from '../../../shared/common/association/partnerContract';
import { callerTypeLabels } from '../../../shared/common/calls/callerTypes';
import { callLanguageLabels } from '../../../shared/common/calls/language';
import { callStateLabels } from '../../../shared/common/calls/session';
import { timelineKindLabels } from '../../../shared/common/calls/timeline';
import { outboxStateLabels } from '../../../shared/common/ese/contract';
import { preferredContactLabels, writtenRequestLabels } from '../../../shared/common/ese/intake';
import { smtpSecurityLabels } from '../../../shared/common/ese/settings';
import { operatorRoleLabels } from '../../../shared/common/foundation/operator';
import { eseStateLabels } from '../../../shared/common/supervisor/drill';

/**
 * The domain's names for its codes (roles, caller types, call states, outbox states…), as the
 * rep's screens show them (issue 13 §3). The English stays where the CLI, exports and records
 * read it too, shared/common; the screens take it through i18next (useLabels), so that a
 * translation adds a language here without touching a component. Data only: the hook lives
 * in useLabels.ts, since i18n/index.ts reads this file.
 */
export const labels = {
  role: operatorRoleLabels,
  callerType: callerTypeLabels,
  callState: callStateLabels,
  callLanguage: callLanguageLabels,
  timelineKind: timelineKindLabels,
  outboxState: outboxStateLabels,
  eseState: eseStateLabels,
  preferredContact: preferredContactLabels,
  writtenRequest: writtenRequestLabels,
  smtpSecurity: smtpSecurityLabels,
  identifier: identifierLabels,
  // The caller as the call bar and a screen pop say it, composed from the names above; the same
  // English as shared/common's callerLabel, describeCaller and describeOffer (a test keeps them equal).
  caller: {
    onLine: '{{type}} with the client on the line (three-way)',
    onLineShort: '{{type}} + client (three-way)',
    agentClientLeft: 'Agent (client has left the line)',
    agentClientLeftShort: 'Agent (client left)',
    named: '{{type}}: {{name}}',
  },
  offer: {
    fromNumber: '{{kind}} {{who}}from {{number}}',
    fromWithheld: '{{kind}} {{who}}from a withheld number',
    who: '{{name}}, ',
    aboutCase: '{{offer}}, about case {{caseNumber}}',
  },
} as const;
