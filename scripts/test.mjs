#!/usr/bin/env node
// `npm test`: typecheck, lint, format check, build, then every suite (vitest unit + integration, Playwright e2e),
// ending with one summary line. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';

const steps = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', cmd: ['npx', 'eslint', '--max-warnings=0', '.'] },
  { name: 'format', cmd: ['npx', 'prettier', '--check', '.'] },
  { name: 'build', cmd: ['npx', 'electron-vite', 'build'] },
  { name: 'unit + integration (vitest)', cmd: ['npx', 'vitest', 'run'] },
  { name: 'e2e (playwright)', cmd: ['npx', 'playwright', 'test'] },
];

const results = [];
for (const step of steps) {
  const started = Date.now();
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: process.env });
  const ok = r.status === 0;
  results.push({ name: step.name, ok, seconds: (Date.now() - started) / 1000 });
  if (!ok && step.name === 'build') break; // later suites need the build
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}  (${r.seconds.toFixed(1)} s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
