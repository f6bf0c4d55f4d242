import { Placeholder } from '../../ui/Placeholder';

export function MatchArea() {
  return <Placeholder items={["The Request Case Access fields: first, last, sex, date of birth; SSN, case and application number optional", "Full, Partial or No match with the reason for each field", "Case status, associated Agents, the three-day rule and the Dire Need route"]} />;
}
