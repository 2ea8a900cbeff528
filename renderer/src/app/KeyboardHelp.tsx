import { useEffect, useRef } from 'react';

interface Shortcut {
  keys: string[];
  what: string;
}

const GROUPS: readonly { title: string; shortcuts: readonly Shortcut[] }[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: ['?'], what: 'Show or hide this help' },
      { keys: ['/'], what: 'Search prompts, outputs and tool calls (runs, sessions, insights)' },
      { keys: ['Esc'], what: 'Close this help, leave a search box, close step details, back to the list' },
    ],
  },
  {
    title: 'Runs and sessions lists',
    shortcuts: [
      { keys: ['j', '↓'], what: 'Next row' },
      { keys: ['k', '↑'], what: 'Previous row' },
      { keys: ['Enter'], what: 'Open the run (or the session’s runs)' },
    ],
  },
  {
    title: 'A run',
    shortcuts: [
      { keys: ['j', '↓'], what: 'Next step' },
      { keys: ['k', '↑'], what: 'Previous step' },
      { keys: ['←', '→'], what: 'Collapse or expand the selected step' },
      { keys: ['/', 'Ctrl+F'], what: 'Search this run: step names, models, tools and message text' },
      { keys: ['Enter', 'n'], what: 'Next search match (Shift+Enter or N: previous)' },
      { keys: ['e'], what: 'Next failed step (E: previous)' },
      { keys: ['Esc'], what: 'Close the step details, then back to where you came from' },
    ],
  },
];

/** The keyboard shortcuts, as a modal dialog: `?` toggles it, Esc closes it. */
export function KeyboardHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="keyboard-help"
      data-testid="keyboard-help"
      aria-labelledby="keyboard-help-title"
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === event.currentTarget) onClose();
      }}
      onKeyDown={(event) => {
        // Keys pressed here belong to the dialog: the list or run underneath must not react.
        event.stopPropagation();
        if (event.key === 'Escape' || event.key === '?') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="keyboard-help__content">
        <header className="keyboard-help__head">
          <h2 id="keyboard-help-title">Keyboard shortcuts</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        {GROUPS.map((group) => (
          <section key={group.title} className="keyboard-help__group">
            <h3>{group.title}</h3>
            <dl>
              {group.shortcuts.map((s) => (
                <div key={s.what} className="keyboard-help__row">
                  <dt>
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 && <span className="muted"> or </span>}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{s.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </dialog>
  );
}
