/** Every area of the app; a feature replaces its placeholder component here. */
import type { ComponentType } from 'react';
import { i18n } from '../i18n';
import type { AreaDef, AreaId } from './registry';
import { AssociationArea } from './association/AssociationArea';
import { CallArea } from './call/CallArea';
import { EseArea } from './ese/EseArea';
import { MatchArea } from './match/MatchArea';
import { SepArea } from './sep/SepArea';
import { SupervisorArea } from './supervisor/SupervisorArea';

// Title and purpose are the shell's words (app/strings.ts, areaList), read when shown, so they follow the language.
function area(id: AreaId, digit: number, component: ComponentType): AreaDef {
  return {
    id,
    digit,
    component,
    get title() {
      return i18n.t(`areaList.${id}.title`, { ns: 'shell' });
    },
    get purpose() {
      return i18n.t(`areaList.${id}.purpose`, { ns: 'shell' });
    },
  };
}

export const areas: AreaDef[] = [
  area('call', 1, CallArea),
  area('association', 2, AssociationArea),
  area('ese', 3, EseArea),
  area('match', 4, MatchArea),
  area('sep', 5, SepArea),
  area('supervisor', 6, SupervisorArea),
];
