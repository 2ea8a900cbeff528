import { SCREENSHOT_DIR, expect, test } from './fixtures';

test('"Load sample runs" on an empty data dir fills the runs list with the sample agent\'s runs, which open', async ({
  page,
  loupe,
}) => {
  await page.goto(loupe.info.uiUrl);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  const table = page.getByTestId('runs-table');
  await expect(table).toHaveAttribute('data-state', 'empty');
  const sample = page.getByTestId('sample-runs');
  await expect(sample).toHaveAttribute('data-state', 'idle');
  // The empty state still teaches the endpoint and the recipes.
  await expect(page.getByTestId('otlp-endpoint')).toHaveText(loupe.info.otlpHttpUrl);
  await expect(page.getByTestId('recipe')).toHaveCount(2);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-empty-sample.png` });

  const load = page.getByTestId('load-sample-runs');
  await load.click();
  // Busy while the agent runs (a couple of seconds: its fake model and tools take their time).
  await expect(sample).toHaveAttribute('data-state', 'loading');
  await expect(load).toBeDisabled();
  await expect(load).toHaveText('Loading sample runs…');

  // The runs arrive through the live refresh and replace the empty state.
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(6, { timeout: 20_000 });
  await expect(table).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('sample-runs')).toHaveCount(0);
  await expect(page.getByTestId('runs-count')).toHaveText('6 runs');
  for (const row of await rows.all()) await expect(row).toContainText('loupe-sample-agent');
  await expect(rows.filter({ hasText: 'support-agent' })).toHaveCount(5);
  await expect(page.locator('[data-testid="run-row"][data-status="error"]')).toHaveCount(1);
  for (const cost of await page.getByTestId('run-row-cost').all()) await expect(cost).toHaveText(/^<?\$0\.\d+$/);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-sample.png` });

  // The report run: agent, a model call asking for the statistics, the tool, the model's report.
  await rows.filter({ hasText: 'insights-agent' }).click();
  const view = page.getByTestId('run-view');
  const steps = view.getByTestId('step-row');
  await expect(steps).toHaveCount(4);
  // In tree order: the agent, then its model call, the tool it asked for, the model's answer.
  expect(await steps.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')))).toEqual([
    'agent',
    'llm',
    'tool',
    'llm',
  ]);
  await expect(steps.nth(2)).toContainText('get_ticket_stats');
  await expect(view.getByTestId('run-llm-calls')).toHaveText('2');
  await expect(view.getByTestId('run-tool-calls')).toHaveText('1');
  await expect(view.getByTestId('run-cost')).toHaveText(/^\$0\.\d+$/);

  await view.locator('[data-testid="step-row"][data-kind="llm"]').last().click();
  const detail = view.getByTestId('step-detail');
  await expect(detail.getByTestId('chat-tool-call')).toContainText('get_ticket_stats');
  const messages = detail.getByTestId('step-messages');
  await expect(messages).toContainText('reply to call_fake_');
  await expect(messages).toContainText('damaged on arrival');
  await expect(messages).toContainText('Repackage STOVE-1B');
  await expect(detail.getByTestId('step-usage')).toContainText('computed from tokens × price');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-view-sample.png` });
  await expect(view.getByTestId('run-origin')).toHaveText('live');

  // A run of the three-turn session names its session in its header; the link lists the session's runs.
  await page.getByTestId('back-button').click();
  await page.getByTestId('sessions-link').click();
  await expect(page.getByTestId('session-row')).toHaveCount(1);
  await page.getByTestId('session-row').click();
  await expect(page.getByTestId('runs-count')).toHaveText('3 matching runs');
  await rows.first().click();
  await expect(view.getByTestId('run-session')).toBeVisible();
  await view.getByTestId('run-session').locator('a').click();
  await expect(page.getByTestId('runs-page')).toBeVisible();
  await expect(page.getByTestId('runs-count')).toHaveText('3 matching runs');
});

test('"Load sample runs" says in place when the engine cannot load them', async ({ page, loupe }) => {
  // The engine answers as it would if the agent failed; the page must show it, not hang.
  await page.route('**/api/loadSampleRuns', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'unavailable', message: 'the OTLP receiver did not answer' } }),
    }),
  );
  await page.goto(loupe.info.uiUrl);
  await page.getByTestId('load-sample-runs').click();
  const sample = page.getByTestId('sample-runs');
  await expect(sample).toHaveAttribute('data-state', 'error');
  await expect(sample.getByRole('alert')).toHaveText(
    'Could not load the sample runs: the OTLP receiver did not answer',
  );
  await expect(page.getByTestId('load-sample-runs')).toBeEnabled();
  await expect(page.getByTestId('load-sample-runs')).toHaveText('Load sample runs');
});
