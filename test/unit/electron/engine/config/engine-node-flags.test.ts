import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ENGINE_NODE_FLAGS } from '../../../../../electron/engine/config/engine-node-flags';

const packageJson = JSON.parse(readFileSync(new URL('../../../../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

it('are flags this Node accepts (a bad option would stop `npm start` from starting the engine)', () => {
  const r = spawnSync(process.execPath, [...ENGINE_NODE_FLAGS, '-e', 'process.exit(0)'], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

it('are the ones `npm run serve` and `npm start` (headless) start the engine with', () => {
  const startScript = readFileSync(new URL('../../../../../scripts/start.mjs', import.meta.url), 'utf8');
  const literal = /const engineNodeFlags = (\[[^\]]*\]);/.exec(startScript)?.[1];
  expect(literal).toBeDefined();
  expect(JSON.parse(literal!.replaceAll("'", '"'))).toEqual(ENGINE_NODE_FLAGS);
  for (const flag of ENGINE_NODE_FLAGS) expect(packageJson.scripts.serve).toContain(flag);
});
