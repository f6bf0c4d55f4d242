import type { ComponentType } from 'react';
import type { OperatorRole } from '../../../shared/common/foundation/operator';

export type AreaId = 'call' | 'association' | 'ese' | 'match' | 'sep' | 'supervisor';

export interface AreaDef {
  id: AreaId;
  title: string;
  /** Alt+<digit>; fixed per area whatever the role, so training material stays true. */
  digit: number;
  /** One line under the title. */
  purpose: string;
  component: ComponentType;
}

/** The role decides which areas come first in the navigation. */
export const areaOrderByRole: Record<OperatorRole, AreaId[]> = {
  rep: ['call', 'association', 'ese', 'sep', 'match'],
  psl: ['match', 'call', 'sep', 'association', 'ese'],
  // Only supervisors see other desks' data: the area is in no other role's list.
  supervisor: ['call', 'match', 'association', 'ese', 'sep', 'supervisor'],
};
