import type { Page } from '@playwright/test';
import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { RARE_WORD, agentRun, backgroundRuns, fleet, sendServiceRuns } from './fleet-runs';

const MINUTE = 60_000;

/** Light and dark screenshots of the page as it is. */
async function shoot(page: Page, name: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

function hashParams(page: Page): URLSearchParams {
  const hash = new URL(page.url()).hash;
  const q = hash.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : hash.slice(q + 1));
}

test('filters and search in the URL, sort, sessions and insights', async ({ page, loupe }) => {
  const { support, billing } = fleet();
  const rows = page.getByTestId('run-row');
  const row = (traceId: string) => page.locator(`[data-testid="run-row"][data-trace-id="${traceId}"]`);

  await page.goto(loupe.info.uiUrl);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  const now = Date.now();
  await sendServiceRuns(loupe.info.otlpHttpUrl, 'support-agent', support, now - 6 * MINUTE);
  await sendServiceRuns(loupe.info.otlpHttpUrl, 'billing-agent', billing, now - 3 * MINUTE);
  await expect(rows).toHaveCount(6);
  const filterBar = page.getByTestId('filter-bar');
  await expect(filterBar.getByTestId('clear-filters')).toBeHidden();

  // Service and status from the filter bar: the URL follows, the list narrows.
  await filterBar.getByTestId('filter-service').selectOption('billing-agent');
  await expect(rows).toHaveCount(3);
  expect(hashParams(page).get('service')).toBe('billing-agent');
  await filterBar.getByTestId('filter-status').selectOption('error');
  await expect(rows).toHaveCount(1);
  await expect(row(billing[2]!.traceId)).toBeVisible();
  expect(hashParams(page).get('status')).toBe('error');
  await expect(page.getByTestId('runs-count')).toHaveText('1 matching run');
  await expect(page.getByTestId('runs-updating')).toHaveText('');

  // A reload (a deep link) restores the same view; Back undoes the last filter.
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(filterBar.getByTestId('filter-service')).toHaveValue('billing-agent');
  await expect(filterBar.getByTestId('filter-status')).toHaveValue('error');
  await page.goBack();
  await expect(rows).toHaveCount(3);
  await expect(filterBar.getByTestId('filter-status')).toHaveValue('');
  expect(hashParams(page).get('status')).toBeNull();

  // Nothing matches: the page says so and offers to clear the filters.
  await filterBar.getByTestId('filter-min-duration').fill('1h');
  await filterBar.getByTestId('filter-min-duration').press('Enter');
  const noMatch = page.getByTestId('no-match');
  await expect(noMatch).toBeVisible();
  await expect(page.getByTestId('runs-count')).toHaveText('0 matching runs');
  await expect(page.getByTestId('empty-state')).toHaveCount(0);
  await shoot(page, 'runs-no-match');
  await noMatch.getByTestId('clear-filters').click();
  await expect(rows).toHaveCount(6);
  expect(new URL(page.url()).hash).toBe('');

  // `/` focuses the search; a word from one run's prompt finds that run (the index lags ingest a little).
  await page.keyboard.press('/');
  const search = page.getByTestId('search-input');
  await expect(search).toBeFocused();
  await page.keyboard.type(RARE_WORD);
  await expect(rows).toHaveCount(1, { timeout: 15_000 });
  await expect(row(support[1]!.traceId)).toBeVisible();
  expect(hashParams(page).get('q')).toBe(RARE_WORD);
  await shoot(page, 'runs-search');
  await filterBar.getByTestId('clear-filters').click();
  await expect(rows).toHaveCount(6);
  await expect(search).toHaveValue('');

  // Sort by cost: largest first, then smallest first; aria-sort says which.
  const costHeader = page.locator('[data-testid="sort-header"][data-sort-key="cost"]');
  const timeHeader = page.locator('[data-testid="sort-header"][data-sort-key="start"]');
  await expect(timeHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(costHeader).toHaveAttribute('aria-sort', 'none');
  await costHeader.getByRole('button').click();
  await expect(costHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(timeHeader).toHaveAttribute('aria-sort', 'none');
  await expect(rows.first()).toHaveAttribute('data-trace-id', billing[1]!.traceId);
  expect(hashParams(page).get('sort')).toBe('cost');
  await shoot(page, 'runs-sorted-by-cost');
  await costHeader.getByRole('button').click();
  await expect(costHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.last()).toHaveAttribute('data-trace-id', billing[1]!.traceId);
  expect(hashParams(page).get('dir')).toBe('asc');

  // A run that arrives while sorted and filtered shows up in its place.
  await filterBar.getByTestId('filter-service').selectOption('support-agent');
  await expect(rows).toHaveCount(3);
  const late = agentRun({
    seed: 7,
    name: 'support order-status',
    model: 'gpt-4o-mini',
    provider: 'openai',
    sessionId: 'sess-alpha',
    prompt: 'Is order A-1043 on its way too?',
    answer: 'Yes, it left the warehouse today.',
    inputTokens: 800,
    outputTokens: 50,
    llmMs: 700,
  });
  await sendServiceRuns(loupe.info.otlpHttpUrl, 'support-agent', [late], Date.now() - MINUTE);
  await expect(rows).toHaveCount(4);
  await filterBar.getByTestId('clear-filters').click();

  // Sessions: totals per session; a session opens as the runs list narrowed to it.
  await page.getByTestId('sessions-link').click();
  const sessions = page.getByTestId('sessions-page');
  await expect(sessions).toBeVisible();
  expect(new URL(page.url()).hash).toMatch(/^#\/sessions/);
  const alpha = sessions.locator('[data-testid="session-row"][data-session-id="sess-alpha"]');
  const beta = sessions.locator('[data-testid="session-row"][data-session-id="sess-beta"]');
  await expect(sessions.getByTestId('session-row')).toHaveCount(2);
  await expect(alpha.getByTestId('session-runs')).toHaveText('4');
  await expect(alpha.getByTestId('session-errors')).toHaveText('1');
  await expect(beta.getByTestId('session-runs')).toHaveText('2');
  await expect(beta.getByTestId('session-cost')).toHaveText(/^\$0\.\d+$/);
  await shoot(page, 'sessions');
  await beta.click();
  await expect(page.getByTestId('runs-page')).toBeVisible();
  await expect(rows).toHaveCount(2);
  expect(hashParams(page).get('session')).toBe('sess-beta');
  await expect(page.getByTestId('filter-session')).toHaveValue('sess-beta');
  await page.goBack();
  await expect(sessions).toBeVisible();

  // Insights: the filters follow from the page before; clear them to see the whole fleet.
  await page.getByTestId('insights-link').click();
  const insights = page.getByTestId('insights-page');
  await expect(insights).toHaveAttribute('data-state', 'ready');
  await expect(insights.locator('[data-tile="runs"] [data-testid="tile-value"]')).toHaveText('7');
  await expect(insights.locator('[data-tile="error-rate"] [data-testid="tile-value"]')).toHaveText('29%');
  await expect(insights.getByTestId('insights-tile')).toHaveCount(5);
  await expect(insights.locator('[data-tile="cost"] [data-testid="tile-value"]')).toHaveText(/^\$0\.\d+$/);
  for (const chart of [
    'chart-runs-over-time',
    'chart-cost-over-time',
    'chart-tokens-over-time',
    'chart-cost-distribution',
    'chart-latency-by-step',
    'chart-latency-by-model',
  ]) {
    await expect(insights.getByTestId(chart)).toHaveAttribute('data-state', 'ready');
  }
  const byModel = insights.getByTestId('chart-latency-by-model');
  await expect(byModel.getByTestId('chart-row')).toHaveCount(3);
  await byModel.getByTestId('chart-row').first().hover();
  await expect(byModel.getByTestId('chart-hover')).toContainText('p95');
  const runsChart = insights.getByTestId('chart-runs-over-time');
  await runsChart.getByTestId('chart-bucket').last().hover();
  await expect(runsChart.getByTestId('chart-hover')).toContainText('errors');
  const expensive = insights.getByTestId('insights-expensive-runs');
  await expect(expensive.getByTestId('insights-run-row').first()).toHaveAttribute('data-trace-id', billing[1]!.traceId);
  await insights.getByTestId('chart-cost-distribution').hover({ position: { x: 5, y: 5 } });
  await shoot(page, 'insights');

  // Narrowed by service (the engine's statistics) and by session (computed from the runs).
  await insights.getByTestId('filter-service').selectOption('billing-agent');
  await expect(insights.locator('[data-tile="runs"] [data-testid="tile-value"]')).toHaveText('3');
  expect(hashParams(page).get('service')).toBe('billing-agent');
  await insights.getByTestId('filter-session').fill('sess-beta');
  await insights.getByTestId('filter-session').press('Enter');
  await expect(insights.locator('[data-tile="runs"] [data-testid="tile-value"]')).toHaveText('2');
  await expect(insights.locator('[data-tile="error-rate"] [data-testid="tile-value"]')).toHaveText('0%');
  await expect(insights).toContainText('Not narrowed by session');
  await expect(page.getByTestId('insights-updating')).toHaveText('');

  // A run opens from the tables, and Esc comes back to the insights.
  await expensive.getByTestId('insights-run-row').first().click();
  await expect(page.getByTestId('run-view')).toBeVisible();
  await expect(page.getByTestId('run-name')).toHaveText('billing annual-report');
  await page.keyboard.press('Escape');
  await expect(insights).toBeVisible();
  await expect(page.getByTestId('run-view')).toHaveCount(0);
  await expect(insights.getByTestId('filter-session')).toHaveValue('sess-beta');

  // `?` shows the keyboard help; Esc closes it (and does nothing else).
  await page.keyboard.press('?');
  const help = page.getByTestId('keyboard-help');
  await expect(help).toBeVisible();
  await expect(help).toContainText('Keyboard shortcuts');
  await shoot(page, 'keyboard-help');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(insights).toBeVisible();
});

test('the insights page with a realistic spread of runs; j/k/Enter through sessions', async ({ page, loupe }) => {
  await page.goto(loupe.info.uiUrl);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  const now = Date.now();
  const background = backgroundRuns(40);
  // One request per run, spread over the last three hours.
  for (const [i, run] of background.entries()) {
    await sendServiceRuns(
      loupe.info.otlpHttpUrl,
      'research-agent',
      [run],
      now - 3 * 60 * MINUTE + i * 4 * MINUTE + MINUTE,
    );
  }
  const { support, billing } = fleet();
  await sendServiceRuns(loupe.info.otlpHttpUrl, 'support-agent', support, now - 20 * MINUTE);
  await sendServiceRuns(loupe.info.otlpHttpUrl, 'billing-agent', billing, now - 10 * MINUTE);
  await expect(page.getByTestId('runs-count')).toHaveText('46 runs');
  await shoot(page, 'runs-fleet');

  await page.getByTestId('insights-link').click();
  const insights = page.getByTestId('insights-page');
  await expect(insights.locator('[data-tile="runs"] [data-testid="tile-value"]')).toHaveText('46');
  const markers = insights.getByTestId('chart-cost-distribution').getByTestId('chart-marker');
  await expect(markers.first()).toHaveAttribute('data-label', /^p50/);
  expect((await markers.evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))).join('/')).toBe(
    'p50/p95/p99',
  );
  await expect(insights.getByTestId('chart-latency-by-step').getByTestId('chart-row')).toHaveCount(8);
  await shoot(page, 'insights-fleet');
  await insights.getByTestId('insights-slowest-runs').scrollIntoViewIfNeeded();
  await shoot(page, 'insights-fleet-tables');

  // The last-hour preset narrows the charts to the recent runs (10 background runs and the 6 of the fleet).
  await insights.getByTestId('filter-range').selectOption('1h');
  expect(hashParams(page).get('range')).toBe('1h');
  await expect(insights.locator('[data-tile="runs"] [data-testid="tile-value"]')).toHaveText('16');

  await page.getByTestId('sessions-link').click();
  const sessions = page.getByTestId('sessions-page');
  await expect(sessions.getByTestId('session-row').first()).toBeVisible();
  await page.keyboard.press('j');
  await expect(sessions.getByTestId('session-row').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await expect(sessions.getByTestId('session-row').nth(1)).toHaveAttribute('aria-selected', 'true');
  const sessionId = await sessions.getByTestId('session-row').nth(1).getAttribute('data-session-id');
  await shoot(page, 'sessions-fleet');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('runs-page')).toBeVisible();
  expect(hashParams(page).get('session')).toBe(sessionId);
  expect(hashParams(page).get('range')).toBe('1h');
});
