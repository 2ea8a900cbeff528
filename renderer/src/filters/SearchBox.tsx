import { useEffect, useRef, useState } from 'react';
import { isShortcutEvent } from '../common/keyboard';
import { SearchIcon } from '../common/SearchIcon';

const DEBOUNCE_MS = 300;

interface SearchBoxProps {
  /** The search applied (from the URL). */
  value: string | null;
  /** Whether `/` may focus this box (its page is the one on screen). */
  active: boolean;
  /** Applies a search; `replace` when it refines one already applied while typing (one history entry per search). */
  onCommit: (text: string | null, replace: boolean) => void;
}

function normalize(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** Full-text search over prompts, outputs and tool I/O: applied as you type (debounced) or on Enter; `/` focuses it. */
export function SearchBox({ value, active, onCommit }: SearchBoxProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  // `sent`: the last text this box applied; when the URL comes back with it, keep what was typed since.
  const [draft, setDraft] = useState<{ text: string; base: string | null; sent: string | null }>({
    text: value ?? '',
    base: value,
    sent: null,
  });
  if (draft.base !== value) {
    setDraft(
      value !== null && value === draft.sent
        ? { ...draft, base: value }
        : { text: value ?? '', base: value, sent: draft.sent },
    );
  }
  const text = draft.base === value ? draft.text : (value ?? '');
  const pending = normalize(text) !== value;

  /** One history entry per search: the first change after focusing pushes, refinements replace it. */
  const pushedThisFocus = useRef(false);
  const latest = useRef({ text, value, onCommit });
  useEffect(() => {
    latest.current = { text, value, onCommit };
  });

  const commit = () => {
    const { text: current, value: applied, onCommit: apply } = latest.current;
    const next = normalize(current);
    if (next === applied) return;
    setDraft((d) => ({ ...d, sent: next }));
    apply(next, pushedThisFocus.current);
    pushedThisFocus.current = true;
  };

  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(commit, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
    };
    // `commit` reads the latest values through a ref: only a new text restarts the wait.
  }, [text, pending]);

  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || !isShortcutEvent(event)) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [active]);

  return (
    <label className={value === null ? 'search-box' : 'search-box is-set'}>
      <span className="visually-hidden">Search prompts, outputs and tool calls</span>
      <SearchIcon />
      <input
        ref={inputRef}
        type="search"
        className="search-box__input"
        data-testid="search-input"
        data-pending={pending || undefined}
        placeholder="Search prompts, outputs, tools…"
        value={text}
        spellCheck={false}
        autoComplete="off"
        onFocus={() => {
          pushedThisFocus.current = false;
        }}
        onChange={(event) => {
          setDraft({ text: event.currentTarget.value, base: value, sent: draft.sent });
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') {
            event.preventDefault();
            event.currentTarget.blur();
          }
        }}
      />
      {text === '' && (
        <kbd className="search-box__hint" aria-hidden="true">
          /
        </kbd>
      )}
    </label>
  );
}
