import { z } from 'zod';

/**
 * Who is on the other end. An Agent may only be associated with a client's
 * case while the client is on the line (seed 000, "Current or Previous
 * Enrollment", step 1), so "Agent with the client on the line" is its own type.
 */
export const callerTypes = ['resident', 'agent', 'agent_three_way', 'kynector', 'psl', 'other'] as const;
export const CallerType = z.enum(callerTypes, { error: 'Choose who is calling.' });
export type CallerType = z.infer<typeof CallerType>;

export const callerTypeLabels: Record<CallerType, string> = {
  resident: 'Resident / client',
  agent: 'Agent',
  agent_three_way: 'Agent with the client on the line (three-way)',
  kynector: 'kynector',
  psl: 'PSL caller',
  other: 'Other',
};

/**
 * Callers who act for a client and so can bring the client onto the line.
 * A resident is the client already; a PSL caller or "other" has no client to add.
 */
export const threeWayCallerTypes: ReadonlySet<CallerType> = new Set<CallerType>(['agent', 'agent_three_way', 'kynector']);

export function canBeThreeWay(type: CallerType): boolean {
  return threeWayCallerTypes.has(type);
}

/**
 * The same, short enough for a 1024 px call bar that also shows a consent countdown (issue 12 §6:
 * the caller type is never cut); the long form stays in the bar's tooltip.
 */
export function callerLabelShort(type: CallerType, clientOnLine: boolean): string {
  if (type === 'agent_three_way') return clientOnLine ? 'Agent + client (three-way)' : 'Agent (client left)';
  if (clientOnLine) return `${callerTypeLabels[type]} + client (three-way)`;
  return callerTypeLabels[type];
}

/** The caller type as read on the call bar, taking a client who joined later into account. */
export function callerLabel(type: CallerType, clientOnLine: boolean): string {
  if (type === 'agent_three_way') return clientOnLine ? callerTypeLabels.agent_three_way : 'Agent (client has left the line)';
  if (clientOnLine) return `${callerTypeLabels[type]} with the client on the line (three-way)`;
  return callerTypeLabels[type];
}
