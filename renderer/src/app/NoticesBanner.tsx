import { useNoticesStore } from './notices-store';

/** The engine's start-up notices (e.g. a default port that was taken), each dismissible. */
export function NoticesBanner({ notices }: { notices: readonly string[] }) {
  const dismissed = useNoticesStore((state) => state.dismissed);
  const dismiss = useNoticesStore((state) => state.dismiss);
  const visible = notices.filter((notice) => !dismissed.has(notice));
  if (visible.length === 0) return null;

  return (
    <div className="notices" role="status">
      {visible.map((notice) => (
        <div className="notice" data-testid="notice" key={notice}>
          <span className="notice__icon" aria-hidden="true">
            i
          </span>
          <span className="notice__text">{notice}</span>
          <button
            type="button"
            className="notice__dismiss"
            data-testid="notice-dismiss"
            aria-label="Dismiss notice"
            onClick={() => {
              dismiss(notice);
            }}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
