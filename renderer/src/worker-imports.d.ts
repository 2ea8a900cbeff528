/** Vite bundles `import X from './file?worker'` as a Worker constructor (used for Monaco's workers). */
declare module '*?worker' {
  const WorkerConstructor: new () => Worker;
  export default WorkerConstructor;
}
