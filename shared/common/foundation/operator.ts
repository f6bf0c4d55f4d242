import { z } from 'zod';
import { nonBlank } from '../validation';

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
  createdAt: z.string(),
});
export type Operator = z.infer<typeof Operator>;

export const OperatorInput = z.object({
  name: nonBlank('Your name', 80),
  role: OperatorRole,
});
export type OperatorInput = z.input<typeof OperatorInput>;
