/**
 * The run page's tabs, kept in the URL after the trace id (`#/run/<traceId>/transcript`), so a tab
 * deep-links. The timeline is the default and has no suffix: older links keep working.
 */
export const RUN_TABS = ['timeline', 'transcript'] as const;
export type RunTab = (typeof RUN_TABS)[number];

export const RUN_TAB_LABELS: Record<RunTab, string> = { timeline: 'Timeline', transcript: 'Transcript' };

/** Splits the part of a run URL after `#/run/` into the (still encoded) trace id and the tab. */
export function splitRunPath(path: string): { encodedTraceId: string; tab: RunTab } {
  const slash = path.lastIndexOf('/');
  if (slash !== -1) {
    const suffix = path.slice(slash + 1);
    const tab = RUN_TABS.find((t) => t === suffix);
    if (tab !== undefined) return { encodedTraceId: path.slice(0, slash), tab };
  }
  return { encodedTraceId: path, tab: 'timeline' };
}

/** The URL suffix of a tab: '' for the timeline, `/transcript`… */
export function runTabSuffix(tab: RunTab | undefined): string {
  return tab === undefined || tab === 'timeline' ? '' : `/${tab}`;
}

/** The tab `delta` places away, wrapping (arrow keys in the tab list). */
export function runTabAfter(tab: RunTab, delta: number): RunTab {
  const i = RUN_TABS.indexOf(tab);
  const n = RUN_TABS.length;
  return RUN_TABS[(((i + delta) % n) + n) % n] ?? tab;
}
