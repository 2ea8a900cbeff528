import { formatCount } from '../../../shared/format/format-count';

interface ErrorJumpProps {
  errorCount: number;
  /** 1-based position of the selected step among the failed ones, null when it is not one. */
  position: number | null;
  onJump: (direction: 1 | -1) => void;
}

/** "2 errors": selects the next failed step (e), or the previous one (Shift+E or Shift+click). */
export function ErrorJump({ errorCount, position, onJump }: ErrorJumpProps) {
  if (errorCount === 0) return null;
  const label = errorCount === 1 ? '1 error' : `${formatCount(errorCount)} errors`;
  return (
    <button
      type="button"
      className="button button--small error-jump"
      data-testid="error-jump"
      title="Next error (e) · previous (Shift+E)"
      onClick={(event) => {
        onJump(event.shiftKey ? -1 : 1);
      }}
    >
      <span className="error-jump__dot" aria-hidden="true" />
      {position === null ? label : `Error ${formatCount(position)} of ${formatCount(errorCount)}`}
      <span aria-hidden="true"> ↓</span>
    </button>
  );
}
