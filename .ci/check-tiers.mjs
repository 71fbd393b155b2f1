// Reads vitest's JSON report and fails unless every required tier ran: unit tests, integration tests on
// the embedded PGlite, integration tests on the real PostgreSQL server, the playground in Chromium, and
// /mailtest against real mail servers (NSD and Postfix on loopback). A skipped test is a failure here: in
// CI nothing may be quietly left out. Ends with the plain "N passed, N failed" line.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const tests = report.testResults.flatMap((file) =>
  file.assertionResults.map((t) => ({
    file: file.name,
    name: [...t.ancestorTitles, t.title].join(' > '),
    status: t.status,
  })),
);
const passed = tests.filter((t) => t.status === 'passed');
const failed = tests.filter((t) => t.status === 'failed');
const skipped = tests.filter((t) => t.status !== 'passed' && t.status !== 'failed');
const tiers = {
  unit: passed.filter((t) => !t.file.endsWith('.integration.test.ts')).length,
  'integration (PGlite)': passed.filter(
    (t) => t.file.endsWith('.integration.test.ts') && /pglite/i.test(t.name),
  ).length,
  'integration (PostgreSQL)': passed.filter(
    (t) => t.file.endsWith('.integration.test.ts') && /postgres/i.test(t.name),
  ).length,
  'browser (Chromium)': passed.filter(
    (t) => t.file.endsWith('.integration.test.ts') && /chromium/i.test(t.name),
  ).length,
  'mail servers (NSD, Postfix, Dovecot)': passed.filter(
    (t) =>
      t.file.endsWith('.integration.test.ts') &&
      (t.file.includes('/test/mail/') || t.file.includes('/test/delivery/')),
  ).length,
};
let ok = failed.length === 0;
for (const [tier, count] of Object.entries(tiers)) {
  console.log(`${tier}: ${count} passed`);
  if (count === 0) {
    console.log(`tier "${tier}" did not run`);
    ok = false;
  }
}
if (skipped.length > 0) {
  ok = false;
  for (const t of skipped.slice(0, 20)) console.log(`not run (${t.status}): ${t.name}`);
}
console.log(`${passed.length} passed, ${failed.length} failed, ${skipped.length} skipped`);
process.exit(ok ? 0 : 1);
