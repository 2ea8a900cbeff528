/**
 * V8 flags for the process that runs the engine, given on its command line wherever Loupe starts
 * one: `npm start`'s headless fallback and `npm run serve` (scripts/start.mjs and package.json
 * repeat them as literals; a test checks they match), the desktop app's engine process (as
 * `js-flags`, electron/main/index.ts), and the tests' and benchmarks' `loupe serve`
 * (test/helpers/serve-process.ts). A bare `npx loupe serve` runs with V8's defaults: correct, just
 * slower under sustained heavy ingest.
 *
 * `--initial-heap-size=256` (MB). With V8's default, which starts the old generation small and
 * sizes it after the first full collections, about one run in two of the ingest bench settled into
 * a regime of a full collection every ~0.7 s on the writer's thread (10–18 in 12 s; scavenges
 * 960–1,070 ms in total instead of 230–290 ms) and ingested about 7% less (105–116k spans/s,
 * against 110–130k in the good regime). Started with the flag, 13 of 13 load runs stayed in the
 * good regime (0 full collections), 3 of them in a window where 7 of 7 runs without it did not;
 * the ingest bench then ran at 130–134k. It is a starting size, not a
 * reservation: memory is only taken as the heap fills. Set at run time (v8.setFlagsFromString) it
 * does not take effect.
 */
export const ENGINE_NODE_FLAGS: readonly string[] = ['--initial-heap-size=256'];
