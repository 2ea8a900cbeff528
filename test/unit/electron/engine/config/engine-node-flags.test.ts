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

it('are the ones `npm run serve` starts the engine with', () => {
  for (const flag of ENGINE_NODE_FLAGS) expect(packageJson.scripts.serve).toContain(flag);
});
