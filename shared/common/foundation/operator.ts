import { z } from 'zod';
import { personName } from '../validation';
import { Pin } from './lock';

export const operatorRoles = ['rep', 'psl', 'supervisor'] as const;
export const OperatorRole = z.enum(operatorRoles, { error: 'Choose a role.' });
export type OperatorRole = z.infer<typeof OperatorRole>;

export const operatorRoleLabels: Record<OperatorRole, string> = {
  rep: 'Contact center rep',
  psl: 'PSL staff',
  supervisor: 'Supervisor',
};

export const Operator = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  role: OperatorRole,
  /** Whether a PIN is set for the idle lock (the PIN itself never leaves main). */
  hasPin: z.boolean(),
  createdAt: z.string(),
});
export type Operator = z.infer<typeof Operator>;

export const OperatorInput = z.object({
  name: personName('Your name', 80),
  role: OperatorRole,
  /** Required when the profile is created; leave out to keep the current one. */
  pin: Pin.optional(),
});
export type OperatorInput = z.input<typeof OperatorInput>;
