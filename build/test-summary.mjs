// Prints one closing line for the whole test command, counted from the JSON
// reports vitest and Playwright wrote: "tests: N passed, N failed, N skipped".
import fs from 'node:fs';

const read = (f) => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : null);
const unit = read('test-results/unit.json');
const e2e = read('test-results/e2e.json');
let passed = 0;
let failed = 0;
let skipped = 0;
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + unit.numTodoTests;
}
if (e2e) {
  passed += e2e.stats.expected;
  failed += e2e.stats.unexpected + e2e.stats.flaky;
  skipped += e2e.stats.skipped;
}
if (!unit || !e2e) {
  console.log(`tests: report missing (${!unit ? 'unit' : ''}${!unit && !e2e ? ', ' : ''}${!e2e ? 'e2e' : ''})`);
  process.exit(1);
}
console.log(`unit ${unit.numPassedTests}, e2e ${e2e.stats.expected}`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed || passed === 0 ? 1 : 0);
