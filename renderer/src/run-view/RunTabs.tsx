import { useRef } from 'react';
import { navigate } from '../routing/route';
import { RUN_TABS, RUN_TAB_LABELS, type RunTab, runTabAfter } from './run-tabs';

/** Switches the run page's tab in place (the URL follows, without a history entry per switch). */
export function showRunTab(traceId: string, tab: RunTab): void {
  navigate({ page: 'run', traceId, tab }, { replace: true });
}

/** Timeline | Transcript, as an ARIA tab list: Tab reaches the current tab, ←/→ (Home/End) move. */
export function RunTabs({ traceId, tab }: { traceId: string; tab: RunTab }) {
  const refs = useRef(new Map<RunTab, HTMLButtonElement>());
  const go = (next: RunTab) => {
    showRunTab(traceId, next);
    refs.current.get(next)?.focus();
  };
  return (
    <div
      className="run-tabs"
      role="tablist"
      aria-label="Run views"
      data-testid="run-tabs"
      onKeyDown={(event) => {
        const next =
          event.key === 'ArrowRight'
            ? runTabAfter(tab, 1)
            : event.key === 'ArrowLeft'
              ? runTabAfter(tab, -1)
              : event.key === 'Home'
                ? RUN_TABS[0]
                : event.key === 'End'
                  ? RUN_TABS[RUN_TABS.length - 1]
                  : undefined;
        if (next === undefined) return;
        // The timeline's ←/→ (collapse, expand) must not see this key.
        event.preventDefault();
        event.stopPropagation();
        go(next);
      }}
    >
      {RUN_TABS.map((t) => (
        <button
          key={t}
          ref={(el) => {
            if (el) refs.current.set(t, el);
            else refs.current.delete(t);
          }}
          type="button"
          role="tab"
          id={`run-tab-${t}`}
          className="run-tabs__tab"
          data-testid={`run-tab-${t}`}
          aria-selected={t === tab}
          aria-controls={`run-tab-panel-${t}`}
          tabIndex={t === tab ? 0 : -1}
          onClick={() => {
            go(t);
          }}
        >
          {RUN_TAB_LABELS[t]}
        </button>
      ))}
    </div>
  );
}
