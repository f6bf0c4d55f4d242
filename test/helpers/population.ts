import { PopulationGenerator, type SyntheticMember } from '../../shared/common/match/population';
import { writeMembersCsv } from '../../shared/node/match/populationCsv';

/** n synthetic members (test data, not real residents) and a way to write them, or a slice, as members.csv. */
export function population(n: number, seed: number): { members: SyntheticMember[]; write(file: string, from?: number, to?: number): void } {
  const members = [...new PopulationGenerator({ seed }).members(n)];
  return { members, write: (file, from = 0, to = n) => writeMembersCsv(file, members.slice(from, to)) };
}
