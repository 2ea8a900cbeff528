#!/usr/bin/env node
// `npm run bench`: every benchmark script in turn; each prints its own figures and ratios.
import { spawnSync } from 'node:child_process';

const benches = ['bench:ingest', 'bench:query', 'bench:redaction', 'bench:import', 'bench:ui'];
let failed = 0;
for (const name of benches) {
  console.log(`\n=== npm run ${name}`);
  const r = spawnSync('npm', ['run', '--silent', name], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
