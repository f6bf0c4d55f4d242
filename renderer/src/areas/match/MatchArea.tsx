import { LookupPanel } from './LookupPanel';
import { ImportPanel } from './ImportPanel';

/**
 * Member match for the Professional Services Line (seed 003 §9; issue 4 §3): look a
 * person up with the Request Case Access fields (seed 001), see Full / Partial / No
 * match with a reason for every field, the case, its agents and the next step; and
 * refresh the local cache from the marketplace extracts.
 */
export function MatchArea() {
  return (
    <div className="match">
      <LookupPanel />
      <ImportPanel />
    </div>
  );
}
