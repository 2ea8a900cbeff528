import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

const LABELS: Record<CopyState, string> = { idle: 'Copy', copied: 'Copied', failed: 'Copy failed' };
const RESET_AFTER_MS = 1500;

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton({ text, what }: { text: string | null; what: string }) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => {
      setState('idle');
    }, RESET_AFTER_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [state]);

  const copy = () => {
    if (text === null) return;
    // navigator.clipboard is missing outside secure contexts, whatever the DOM types claim.
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (clipboard === undefined) {
      setState('failed');
      return;
    }
    clipboard.writeText(text).then(
      () => {
        setState('copied');
      },
      () => {
        setState('failed');
      },
    );
  };

  return (
    <button
      type="button"
      className="copy-button"
      data-testid="copy-button"
      data-copy-state={state}
      disabled={text === null}
      aria-label={`Copy ${what}`}
      onClick={copy}
    >
      {LABELS[state]}
    </button>
  );
}
