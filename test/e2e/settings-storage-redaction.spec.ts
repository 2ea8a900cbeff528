import { SCREENSHOT_DIR, expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { sendRuns, supportAgentRun } from './genai-otlp';

/** Moves within the open app (the token is read once, on load; a later goto would only change the hash). */
async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

test('Settings › Redaction: a user pattern is tried, saved and applied to what arrives next', async ({
  page,
  loupe,
}) => {
  await page.goto(`${loupe.info.uiUrl}&/settings/redaction`);
  const section = page.getByTestId('settings-redaction');
  await expect(section).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('redaction-toggle')).toBeChecked();

  // An invalid pattern: the engine's refusal is shown as it was given.
  await section.getByTestId('redaction-add-pattern').click();
  const row = section.getByTestId('redaction-pattern-row');
  await expect(row).toHaveCount(1);
  await row.getByTestId('redaction-pattern-name').fill('acme_ticket');
  await row.getByTestId('redaction-pattern-regex').fill('(a+)+');
  await section.getByTestId('redaction-save').click();
  await expect(section.getByTestId('redaction-status')).toContainText('can take exponential time');

  // A good one, tried in the test box before saving.
  await row.getByTestId('redaction-pattern-regex').fill('ACME-[0-9]{6}');
  await section
    .getByTestId('redaction-test-input')
    .fill('my ticket is ACME-123456, key sk-proj-abcdefghijklmnopqrstuvwx');
  const output = section.getByTestId('redaction-test-output');
  await expect(output).toContainText('my ticket is [REDACTED:acme_ticket]');
  await expect(output).toContainText('acme_ticket ×1');
  await section.getByTestId('redaction-save').click();
  await expect(section.getByTestId('redaction-status')).toHaveText('Saved your patterns.');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-redaction.png`, fullPage: true });

  // A span carrying a matching value arrives redacted.
  const run = supportAgentRun(41);
  const chat = run.spans[1]!;
  chat.attributes['gen_ai.input.messages'] = String(chat.attributes['gen_ai.input.messages']).replace(
    'It was due Monday.',
    'It was due Monday. Ticket ACME-654321.',
  );
  await sendRuns(loupe.info.otlpHttpUrl, [run]);
  await goTo(page, `#/run/${run.traceId}`);
  const view = page.getByTestId('run-view');
  await view.locator(`[data-testid="step-row"][data-span-id="${chat.spanId}"]`).click();
  const messages = view.getByTestId('step-detail').getByTestId('step-messages');
  await expect(messages).toContainText('Ticket [REDACTED:acme_ticket].');
  await expect(messages).not.toContainText('ACME-654321');
});

test('Settings › Storage and the run page: caps are edited, a run and then everything is deleted', async ({
  page,
  loupe,
}) => {
  const kept = supportAgentRun(51);
  const doomed = supportAgentRun(52);
  await sendRuns(loupe.info.otlpHttpUrl, [kept, doomed]);

  // Delete one run from its page: back to the list, without it.
  await page.goto(`${loupe.info.uiUrl}&/run/${doomed.traceId}`);
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('delete-run').click();
  await page.getByTestId('delete-run-confirm').click();
  await expect(page.getByTestId('run-view')).toHaveCount(0);
  await expect(page.locator(`[data-testid="run-row"][data-trace-id="${kept.traceId}"]`)).toBeVisible();
  await expect(page.locator(`[data-testid="run-row"][data-trace-id="${doomed.traceId}"]`)).toHaveCount(0);

  // Settings › Storage: what is stored and where.
  await goTo(page, '#/settings/storage');
  const section = page.getByTestId('settings-storage');
  await expect(section).toHaveAttribute('data-state', 'ready');
  await expect(section.getByTestId('storage-data-dir')).toHaveText(loupe.info.dataDir);
  await expect(section.getByTestId('storage-runs')).toHaveText('1');
  await expect(section.getByTestId('storage-spans')).toHaveText('5');
  await expect(page.getByTestId('retention-max-gb')).toHaveValue('2');
  await expect(page.getByTestId('retention-max-days')).toHaveValue('30');

  // Caps: out of bounds is refused, a good value is saved.
  await page.getByTestId('retention-max-days').fill('-3');
  await section.getByTestId('retention-save').click();
  await expect(section.getByTestId('storage-status')).toContainText('Age cap must be a whole number');
  await page.getByTestId('retention-max-gb').fill('1.5');
  await page.getByTestId('retention-max-days').fill('14');
  await section.getByTestId('retention-save').click();
  await expect(section.getByTestId('storage-status')).toContainText('Saved: up to 1.5 GB, runs kept 14 days.');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-storage.png`, fullPage: true });

  // Delete everything, with a typed confirmation.
  await section.getByTestId('delete-all-data').click();
  const confirm = section.getByTestId('delete-all-confirm');
  await expect(confirm).toBeDisabled();
  await section.getByTestId('delete-all-confirm-input').fill('delete all');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-storage-delete-all.png`, fullPage: true });
  await confirm.click();
  await expect(section.getByTestId('storage-status')).toContainText('Deleted 1 run.');
  await expect(section.getByTestId('storage-runs')).toHaveText('0');
  await expect(section.getByTestId('storage-spans')).toHaveText('0');
  // The caps survive (they are settings, not data).
  await page.reload();
  await expect(page.getByTestId('retention-max-days')).toHaveValue('14');

  // Ingest carries on.
  const after = supportAgentRun(53);
  await sendRuns(loupe.info.otlpHttpUrl, [after]);
  await expect(page.getByTestId('settings-storage').getByTestId('storage-runs')).toHaveText('1');
});

test('Settings › Endpoints: where to send spans, with copy buttons and the engine status', async ({ page, loupe }) => {
  await page.goto(`${loupe.info.uiUrl}&/settings/endpoints`);
  const section = page.getByTestId('settings-endpoints');
  await expect(section).toHaveAttribute('data-state', 'ready');
  await expect(section.getByTestId('endpoint-otlp-http')).toHaveText(loupe.info.otlpHttpUrl);
  await expect(section.getByTestId('endpoint-otlp-grpc')).toHaveText(loupe.info.otlpGrpcUrl);
  await expect(section.getByTestId('endpoint-env')).toHaveText(`OTEL_EXPORTER_OTLP_ENDPOINT=${loupe.info.otlpHttpUrl}`);
  await expect(section.getByTestId('endpoints-status')).toContainText('Receiving');
  await expect(section.getByTestId('copy-button')).toHaveCount(4);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-endpoints.png` });
});
