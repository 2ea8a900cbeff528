import { useEffect, useRef, useState } from 'react';
import { loadMonaco } from './load-monaco';

const LINE_HEIGHT = 18;
const MAX_HEIGHT = 480;

/** Follows the OS theme, as the rest of the app does (styles.css: prefers-color-scheme). */
function monacoTheme(): string {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'vs-dark' : 'vs';
}

/**
 * JSON text in a read-only Monaco editor: folding, search (Ctrl/Cmd+F), bracket matching, exact
 * selection and copy. Sized to its content up to a limit; a plain <pre> stands in while Monaco loads
 * or if it cannot load.
 */
export function JsonViewer({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'failed'>('loading');
  const lines = text.split('\n').length;
  const height = Math.min(MAX_HEIGHT, lines * LINE_HEIGHT + 12);

  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    loadMonaco().then(
      (monaco) => {
        const host = hostRef.current;
        if (disposed || host === null) return;
        const model = monaco.editor.createModel(text, 'json');
        const editor = monaco.editor.create(host, {
          model,
          readOnly: true,
          domReadOnly: true,
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          lineNumbers: 'off',
          folding: true,
          wordWrap: 'on',
          lineHeight: LINE_HEIGHT,
          fontSize: 12,
          renderLineHighlight: 'none',
          theme: monacoTheme(),
          ariaLabel: label,
        });
        const media = window.matchMedia('(prefers-color-scheme: dark)');
        const onTheme = () => {
          monaco.editor.setTheme(monacoTheme());
        };
        media.addEventListener('change', onTheme);
        dispose = () => {
          media.removeEventListener('change', onTheme);
          editor.dispose();
          model.dispose();
        };
        setStatus('ready');
      },
      () => {
        if (!disposed) setStatus('failed');
      },
    );
    return () => {
      disposed = true;
      dispose();
    };
  }, [text, label]);

  return (
    <div className="json-viewer" data-testid={testId} data-state={status} style={{ height }}>
      {status !== 'ready' && <pre className="code-block json-viewer__fallback">{text}</pre>}
      <div ref={hostRef} className="json-viewer__editor" hidden={status !== 'ready'} />
    </div>
  );
}
