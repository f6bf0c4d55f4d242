import { Placeholder } from '../../ui/Placeholder';

export function SepArea() {
  return <Placeholder items={["Every qualifying event of the Special Enrollment table, searchable in everyday words", "The selection window and the coverage effective date for a given event date", "Documents required and whether enrollment pends"]} />;
}
