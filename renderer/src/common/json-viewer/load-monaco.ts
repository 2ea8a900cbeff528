/**
 * Monaco, loaded on first use (it is a large bundle: the runs list and timeline never wait for it).
 * Only the editor core and the JSON language are included; the JSON worker does folding and
 * bracket matching off the main thread.
 */
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api';

export type MonacoApi = typeof Monaco;

let loading: Promise<MonacoApi> | null = null;

export function loadMonaco(): Promise<MonacoApi> {
  loading ??= (async () => {
    const [monaco, { default: EditorWorker }, { default: JsonWorker }] = await Promise.all([
      import('monaco-editor/esm/vs/editor/editor.api'),
      import('monaco-editor/esm/vs/editor/editor.worker?worker'),
      import('monaco-editor/esm/vs/language/json/json.worker?worker'),
      import('monaco-editor/esm/vs/language/json/monaco.contribution'),
    ]);
    self.MonacoEnvironment = {
      getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
    };
    return monaco;
  })();
  loading.catch(() => {
    loading = null; // a failed chunk load may succeed on the next try
  });
  return loading;
}
