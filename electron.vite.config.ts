import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for the whole app: Electron main + the engine process entry (forked as a
// utilityProcess) + the `loupe` CLI, the sandboxed preload (CommonJS, as sandboxed preloads must be), and the renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          engine: resolve(__dirname, 'electron/engine/entry.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
          'decode-worker': resolve(__dirname, 'electron/engine/ingest/decode-worker.ts'),
          'checkpoint-worker': resolve(__dirname, 'electron/engine/store/checkpoint-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // Served to browsers over HTTP as well as loaded in Electron: ship it minified.
      minify: 'esbuild',
      // Monaco (~2.5 MB) is its own chunk, loaded only when a raw span is opened.
      chunkSizeWarningLimit: 3000,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
