import { eseMessageId, eseReference, parseEseIntake } from '../../../../shared/common/ese';
import type { SubmittedIntake } from '../../../../shared/node/ese/compose';
import { validIntakeInput } from './intakes';

export const INTAKE_ID = '7f3a2c10-4b5e-4d6f-8a9b-0c1d2e3f4a5b';

export function submitted(overrides: Record<string, unknown> = {}, extra: Partial<SubmittedIntake> = {}): SubmittedIntake {
  return {
    id: INTAKE_ID,
    reference: eseReference(INTAKE_ID),
    intake: parseEseIntake(validIntakeInput(overrides), '2026-11-23'),
    submittedAt: '2026-11-23T15:04:05.000Z',
    submittedOn: '2026-11-23',
    timeZone: 'America/New_York',
    forwardedBy: 'Pat Rivera (Contact center rep)',
    callRef: 'Call 42',
    messageId: eseMessageId(INTAKE_ID, 'desk@contact.kynect.example'),
    ...extra,
  };
}
