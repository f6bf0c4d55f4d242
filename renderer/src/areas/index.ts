/** Every area of the app; a feature replaces its placeholder component here. */
import type { AreaDef } from './registry';
import { AssociationArea } from './association/AssociationArea';
import { CallArea } from './call/CallArea';
import { EseArea } from './ese/EseArea';
import { MatchArea } from './match/MatchArea';
import { SepArea } from './sep/SepArea';
import { SupervisorArea } from './supervisor/SupervisorArea';

export const areas: AreaDef[] = [
  { id: 'call', title: 'Call', digit: 1, purpose: 'The call in progress: caller, timers, notes, timeline and wrap-up.', component: CallArea },
  {
    id: 'association',
    title: 'Association & consent',
    digit: 2,
    purpose: 'Three-way calls: associate an Agent with a client who is on the line, with consent. And kynect resources partner access, by verbal consent.',
    component: AssociationArea,
  },
  { id: 'ese', title: 'ESE intake', digit: 3, purpose: 'Take an Exceptional Special Enrollment request and forward it for committee review.', component: EseArea },
  { id: 'match', title: 'Member match (PSL)', digit: 4, purpose: 'Is this person already on a case? Full, Partial or No match, and why.', component: MatchArea },
  { id: 'sep', title: 'SEP rules', digit: 5, purpose: 'Qualifying events, windows, coverage effective dates and documents — offline.', component: SepArea },
  { id: 'supervisor', title: 'Supervisor', digit: 6, purpose: 'The floor across desks: open calls, long holds and wrap-ups, and the day in figures.', component: SupervisorArea },
];
