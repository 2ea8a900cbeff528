#!/usr/bin/env node
// The `loupe` command. In a source checkout it runs the TypeScript sources through tsx (always
// current, no build needed); in a packaged install it runs the electron-vite build (out/main/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../electron/cli/index.ts', import.meta.url));
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source);
} else {
  await import(new URL('../out/main/cli.js', import.meta.url).href);
}
