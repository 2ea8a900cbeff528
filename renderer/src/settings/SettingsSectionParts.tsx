import type { ReactNode } from 'react';
import type { ApiError } from '../../../shared/api/errors';

/** A Settings section: its title, what it is for, and its content; `data-state` follows its query. */
export function SettingsSectionFrame(props: {
  id: string;
  title: string;
  state: string;
  lead: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      className="settings-section"
      data-testid={`settings-${props.id}`}
      data-state={props.state}
      aria-labelledby={`${props.id}-title`}
    >
      <h2 id={`${props.id}-title`} className="settings-section__title">
        {props.title}
      </h2>
      <p className="muted settings-section__lead">{props.lead}</p>
      {props.children}
    </section>
  );
}

/** "Could not read …" with a Retry button, for a section whose settings did not load. */
export function SettingsLoadError({ what, error, onRetry }: { what: string; error: ApiError; onRetry: () => void }) {
  return (
    <div className="status-box status-box--error" role="alert">
      <span className="status-box__text">
        Could not read {what}: {error.message}
      </span>
      <button type="button" className="button button--small" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

export type SettingsStatus = { kind: 'success' | 'error'; text: string };

/** How the last action of a section went (saved, refused with the engine's reason). */
export function SettingsStatusBox({ status, testId }: { status: SettingsStatus | null; testId: string }) {
  if (status === null) return null;
  return (
    <div
      className={`status-box status-box--${status.kind}`}
      role={status.kind === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      <span className="status-box__text">{status.text}</span>
    </div>
  );
}
