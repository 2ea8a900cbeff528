import { readFileSync } from 'node:fs';
import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { UNKNOWN_MODEL, failingRun, sendRuns, supportAgentRun } from './genai-otlp';

test('a GenAI run shows its steps and costs; pricing its unknown model re-costs it everywhere', async ({
  page,
  context,
  loupe,
}) => {
  const run = supportAgentRun(1);
  await page.goto(loupe.info.uiUrl);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  await sendRuns(loupe.info.otlpHttpUrl, [run, failingRun(1)]);

  // Runs list: model calls, tokens, and a cost that is a lower bound (one model call has no price).
  const row = page.locator(`[data-testid="run-row"][data-trace-id="${run.traceId}"]`);
  await expect(row.getByTestId('run-row-llm-calls')).toHaveText('3');
  await expect(row.getByTestId('run-row-tokens')).toHaveText('3,146');
  const rowCost = row.getByTestId('run-row-cost');
  await expect(rowCost).toHaveText(/^≥ \$0\.000\d+$/);
  await expect(rowCost).toHaveAttribute('title', '1 model call without a price');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-with-costs.png` });

  // A second window on the same run, to see the price change arrive there live.
  const other = await context.newPage();
  await other.goto(`${loupe.info.uiUrl}&/run/${run.traceId}`);
  await expect(other.getByTestId('run-cost')).toHaveText(/^≥ \$/);

  // Run view: one row per step, kind and cost on each.
  await row.click();
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('step-row')).toHaveCount(5);
  await expect(view.locator('[data-testid="step-row"][data-kind="llm"]')).toHaveCount(3);
  await expect(view.locator('[data-testid="step-row"][data-kind="tool"]')).toHaveCount(1);
  await expect(view.locator('[data-testid="step-row"][data-kind="agent"]')).toHaveCount(1);
  await expect(view.getByTestId('run-llm-calls')).toHaveText('3');
  await expect(view.getByTestId('run-tool-calls')).toHaveText('1');
  await expect(view.getByTestId('run-tokens')).toHaveText('3,146');
  await expect(view.getByTestId('run-cost')).toHaveText(/^≥ \$0\.000\d+$/);
  await expect(view.getByTestId('run-cost')).toHaveAttribute('title', '1 model call without a price');

  // The second gpt-4o-mini call, as a chat: the tool call, its result, the answer.
  const answerRow = view.locator(`[data-testid="step-row"][data-span-id="${run.spans[3]!.spanId}"]`);
  await expect(answerRow.getByTestId('step-cost')).toHaveText(/^\$0\.000\d+$/);
  await answerRow.click();
  const detail = view.getByTestId('step-detail');
  await expect(detail).toHaveAttribute('data-span-id', run.spans[3]!.spanId);
  await expect(detail.getByTestId('chat-tool-call')).toContainText('get_order');
  await expect(detail.getByTestId('chat-tool-call')).toContainText('"order_id": "A-1042"');
  await expect(detail.getByTestId('chat-tool-result')).toContainText('"carrier": "DHL"');
  await expect(detail.getByTestId('step-messages')).toContainText('should arrive on November 5');
  await expect(detail.getByTestId('step-usage')).toContainText('1,152');
  await expect(detail.getByTestId('step-usage')).toContainText('computed from tokens × price');
  await expect(detail.getByTestId('step-timing')).toContainText('1.48 s');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-view-llm-step.png` });

  // The step has its own URL: opening it elsewhere selects the same step.
  await expect(page).toHaveURL(new RegExp(`\\?step=${run.spans[3]!.spanId}$`));
  const linked = await context.newPage();
  await linked.goto(`${loupe.info.uiUrl}&/run/${run.traceId}?step=${run.spans[3]!.spanId}`);
  await expect(linked.getByTestId('step-detail')).toHaveAttribute('data-span-id', run.spans[3]!.spanId);
  await expect(linked.getByTestId('step-messages')).toContainText('should arrive on November 5');
  await linked.close();

  // The raw span, as stored, in a read-only Monaco JSON viewer.
  await detail.getByTestId('raw-span-toggle').click();
  const raw = detail.getByTestId('raw-span-json');
  await expect(raw).toHaveAttribute('data-state', 'ready');
  await expect(raw.locator('.monaco-editor')).toBeVisible();
  await expect(raw).toContainText('"gen_ai.request.model"');
  await raw.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-view-raw-span.png` });
  await detail.getByTestId('raw-span-toggle').click();

  // The unpriced call: "no price", and a way to add one.
  const unpricedRow = view.locator(`[data-testid="step-row"][data-span-id="${run.spans[4]!.spanId}"]`);
  await expect(unpricedRow.getByTestId('step-cost')).toHaveText('no price');
  await unpricedRow.click();
  await expect(detail).toHaveAttribute('data-span-id', run.spans[4]!.spanId);
  const addPrice = detail.getByTestId('add-price-for-model');
  await expect(addPrice).toHaveText(`Add a price for ${UNKNOWN_MODEL}`);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-view-unpriced-step.png` });
  await addPrice.click();

  // Settings › Prices, with the form filled in for that model.
  const form = page.getByTestId('price-form');
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Model')).toHaveValue(UNKNOWN_MODEL);
  await expect(form.getByLabel('Provider')).toHaveValue('acme');
  await expect(form.getByLabel('Match pattern')).toHaveValue(UNKNOWN_MODEL);
  await expect(form.getByTestId('match-check')).toHaveAttribute('data-matches', 'true');
  await form.getByTestId('price-mark-free').click();
  await expect(form.getByLabel('Input', { exact: true })).toHaveValue('0');
  await expect(form.getByLabel('Output', { exact: true })).toHaveValue('0');
  await expect(form.getByLabel('Note')).toHaveValue('free local model');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-prices.png` });
  await form.getByTestId('price-save').click();

  const status = page.getByTestId('price-status');
  await expect(status).toHaveAttribute('data-state', 'success');
  await expect(status).toContainText('Re-costed 1 model call in 1 run.');
  const userRow = page.locator('[data-testid="price-row"][data-source="user"]');
  await expect(userRow).toHaveCount(1);
  await expect(userRow).toContainText(UNKNOWN_MODEL);
  await expect(userRow).toContainText('free');

  // The other window heard `prices-changed` and shows the complete cost.
  await expect(other.getByTestId('run-cost')).toHaveText(/^\$0\.000\d+$/);
  await expect(other.getByTestId('run-cost')).not.toHaveAttribute('title');

  // Back in the run, the step is priced and the total complete.
  await page.getByTestId('back-to-run').click();
  await expect(view.getByTestId('run-cost')).toHaveText(/^\$0\.000\d+$/);
  await expect(unpricedRow.getByTestId('step-cost')).toHaveText('$0');
  await expect(detail.getByTestId('add-price-for-model')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(row.getByTestId('run-row-cost')).toHaveText(/^\$0\.000\d+$/);
});

test('a failed step shows its error; a model call recorded without content says so', async ({ page, loupe }) => {
  const run = failingRun(2);
  await page.goto(loupe.info.uiUrl);
  await sendRuns(loupe.info.otlpHttpUrl, [run]);
  await page.locator(`[data-testid="run-row"][data-trace-id="${run.traceId}"]`).click();
  const view = page.getByTestId('run-view');
  const detail = view.getByTestId('step-detail');

  await view.locator(`[data-testid="step-row"][data-span-id="${run.spans[2]!.spanId}"]`).click();
  await expect(detail.getByTestId('step-error')).toContainText('card processor timed out');
  // The exception event, with its stack.
  await expect(detail.getByTestId('step-exception')).toContainText('TimeoutError: card processor timed out');
  await expect(detail.getByTestId('step-exception')).toContainText('at refund (payments.py:42)');
  await expect(detail.getByTestId('chat-tool-call')).toHaveCount(0);
  await expect(detail).toContainText('"order_id": "A-1042"');

  // j moves to the next step in the tree: the model call whose messages were not captured.
  await page.keyboard.press('j');
  await expect(detail).toHaveAttribute('data-span-id', run.spans[3]!.spanId);
  await expect(detail.getByTestId('content-not-captured')).toContainText('Content not captured');
  await expect(detail.getByTestId('step-messages')).toHaveCount(0);
  await expect(detail.getByTestId('step-cost')).toHaveText(/^\$0\.0000\d+$/);
});

test('prices: search, override a built-in, delete and undo, import errors verbatim, export', async ({
  page,
  loupe,
}) => {
  await page.goto(loupe.info.uiUrl);
  await page.getByTestId('settings-link').click();
  const table = page.getByTestId('price-table');
  await expect(table.getByTestId('price-row').first()).toBeVisible();
  expect(await table.getByTestId('price-row').count()).toBeGreaterThan(50);

  await page.getByTestId('price-search').fill('gpt-4o-mini');
  const rows = table.getByTestId('price-row');
  await expect(rows.first()).toContainText('gpt-4o-mini');
  for (const text of await rows.allTextContents()) expect(text).toContain('gpt-4o-mini');
  const builtinRow = table.locator('[data-testid="price-row"][data-source="builtin"]').first();
  const builtinId = await builtinRow.getAttribute('data-price-id');

  // Override: a user price with the same match, which wins.
  await builtinRow.getByTestId('price-edit').click();
  const form = page.getByTestId('price-form');
  await expect(form).toHaveAttribute('data-mode', 'override');
  await expect(form.getByLabel('Match pattern')).toHaveValue(/^gpt-4o-mini/);
  await form.getByLabel('Input', { exact: true }).fill('');
  await form.getByTestId('price-save').click();
  await expect(form.locator('[data-field="inputPerMTok"]')).toContainText('Enter a price ≥ 0');
  await form.getByLabel('Input', { exact: true }).fill('1.5');
  await form.getByTestId('price-save').click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('price-status')).toContainText('Saved the price for gpt-4o-mini');
  const userRow = table.locator('[data-testid="price-row"][data-source="user"]');
  await expect(userRow).toHaveCount(1);
  await expect(userRow).toContainText('$1.50');
  await expect(table.locator(`[data-testid="price-row"][data-price-id="${builtinId}"]`)).toContainText('overridden');

  // Delete, then undo.
  await userRow.getByTestId('price-delete').click();
  await expect(page.getByTestId('price-status')).toContainText('Deleted your price for gpt-4o-mini');
  await expect(userRow).toHaveCount(0);
  await page.getByTestId('price-undo').click();
  await expect(userRow).toHaveCount(1);

  // Import: the validator's errors, word for word; nothing saved.
  await page.getByTestId('price-search').fill('');
  await page.getByTestId('price-import-file').setInputFiles({
    name: 'bad-prices.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify([{ model: 'x', match: 'x', inputPerMTok: -1, outputPerMTok: 1, effectiveFrom: '2025-01-01' }]),
    ),
  });
  await expect(page.getByTestId('price-status')).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('price-import-errors')).toHaveText(
    'prices[0] (x): inputPerMTok must be a number ≥ 0 (got -1)',
  );
  await expect(userRow).toHaveCount(1);

  await page.getByTestId('price-import-file').setInputFiles({
    name: 'prices.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        prices: [
          {
            provider: 'ollama',
            model: 'llama3.2',
            match: 'llama3\\.2(?::.+)?',
            inputPerMTok: 0,
            outputPerMTok: 0,
            effectiveFrom: '2025-01-01',
          },
        ],
      }),
    ),
  });
  await expect(page.getByTestId('price-status')).toContainText('Imported 1 price from prices.json');
  await expect(userRow).toHaveCount(2);

  // Export: the user's prices, in the format import reads.
  const download = page.waitForEvent('download');
  await page.getByTestId('price-export').click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { prices: { model: string; source: string }[] };
  expect(exported.prices.map((p) => p.model).sort()).toEqual(['gpt-4o-mini', 'llama3.2']);
  expect(exported.prices.every((p) => p.source === 'user')).toBe(true);
});
