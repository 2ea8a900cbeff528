import type { RefObject } from 'react';
import { formatCount } from '../../../shared/format/format-count';
import { SearchIcon } from '../common/SearchIcon';

interface RunSearchBoxProps {
  inputRef: RefObject<HTMLInputElement | null>;
  text: string;
  onText: (text: string) => void;
  matchCount: number;
  /** 1-based position of the selected step among the matches, null when it is not one. */
  position: number | null;
  pending: boolean;
  onStep: (direction: 1 | -1) => void;
}

/** Search within the run: the words, "3 of 17", and previous / next (Enter, Shift+Enter, n, N). */
export function RunSearchBox({ inputRef, text, onText, matchCount, position, pending, onStep }: RunSearchBoxProps) {
  const searching = text.trim() !== '';
  return (
    <div className="run-search" role="search" data-testid="run-search">
      <label className={searching ? 'search-box is-set' : 'search-box'}>
        <span className="visually-hidden">Search this run</span>
        <SearchIcon />
        <input
          ref={inputRef}
          type="search"
          className="search-box__input"
          data-testid="run-search-input"
          placeholder="Find steps, models, tools, message text…"
          value={text}
          spellCheck={false}
          autoComplete="off"
          aria-describedby="run-search-count"
          onChange={(event) => {
            onText(event.currentTarget.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              onStep(event.shiftKey ? -1 : 1);
            } else if (event.key === 'Escape') {
              event.preventDefault();
              onText('');
              event.currentTarget.blur();
            }
          }}
        />
        {!searching && (
          <kbd className="search-box__hint" aria-hidden="true">
            /
          </kbd>
        )}
      </label>
      <span
        id="run-search-count"
        className="run-search__count"
        data-testid="run-search-count"
        data-state={pending ? 'pending' : 'done'}
        aria-live="polite"
      >
        {searching ? countText(matchCount, position) : ''}
      </span>
      <MatchStepButton direction={-1} disabled={matchCount === 0} onStep={onStep} />
      <MatchStepButton direction={1} disabled={matchCount === 0} onStep={onStep} />
    </div>
  );
}

const STEP_BUTTONS = {
  [-1]: { testId: 'run-search-prev', label: 'Previous match (Shift+Enter, N)', arrow: '↑' },
  [1]: { testId: 'run-search-next', label: 'Next match (Enter, n)', arrow: '↓' },
} as const;

function MatchStepButton(props: { direction: 1 | -1; disabled: boolean; onStep: (direction: 1 | -1) => void }) {
  const { testId, label, arrow } = STEP_BUTTONS[props.direction];
  return (
    <button
      type="button"
      className="icon-button"
      data-testid={testId}
      aria-label={label}
      title={label}
      disabled={props.disabled}
      onClick={() => {
        props.onStep(props.direction);
      }}
    >
      {arrow}
    </button>
  );
}

function countText(count: number, position: number | null): string {
  if (count === 0) return 'No matches';
  if (position !== null) return `${formatCount(position)} of ${formatCount(count)}`;
  return count === 1 ? '1 match' : `${formatCount(count)} matches`;
}
