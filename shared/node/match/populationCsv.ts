import fs from 'node:fs';
import { memberColumns } from '../../common/match/schemas';
import type { SyntheticMember } from '../../common/match/population';

/** Writes synthetic members as a members.csv extract (issue 4 §1 columns), streaming. */
export function writeMembersCsv(file: string, members: Iterable<SyntheticMember>): number {
  const fd = fs.openSync(file, 'w');
  let n = 0;
  let buf = memberColumns.join(',') + '\n';
  try {
    for (const m of members) {
      buf += memberLine(m);
      n++;
      if (buf.length > 1 << 20) {
        fs.writeSync(fd, buf);
        buf = '';
      }
    }
    fs.writeSync(fd, buf);
  } finally {
    fs.closeSync(fd);
  }
  return n;
}

export function memberLine(m: SyntheticMember): string {
  return (
    [
      m.memberId,
      m.caseNumber,
      m.applicationNumber ?? '',
      m.firstName,
      m.middleName ?? '',
      m.lastName,
      m.suffix ?? '',
      m.dateOfBirth,
      m.sex,
      m.ssn ?? '',
      m.headOfHousehold ? 'true' : 'false',
      m.caseStatus,
      m.applicationSubmittedOn ?? '',
    ].join(',') + '\n'
  );
}
