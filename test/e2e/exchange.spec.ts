import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startServeProcess } from '../helpers/serve-process';
import { makeTempDir } from '../helpers/temp-dir';
import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { otlpJson, sendRuns, supportAgentRun } from './genai-otlp';

/** Moves within the open app (the token is read once, on load; a later goto would only change the hash). */
async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/** Records every data-state the import panel shows, so a short-lived "running" is not missed. */
async function recordImportStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { importStates: string[] }).importStates = seen;
    const note = () => {
      const state = document.querySelector('[data-testid="import-panel"]')?.getAttribute('data-state');
      if (state && seen[seen.length - 1] !== state) seen.push(state);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

const importStates = (page: Page) =>
  page.evaluate(() => (window as unknown as { importStates: string[] }).importStates);

test('import by file picker and by drop, with progress and a summary; export a run and the filtered list', async ({
  page,
  loupe,
}) => {
  const first = supportAgentRun(61);
  const second = supportAgentRun(62);
  const start = Date.now() - 3_600_000;
  const withBadLine = `${otlpJson([first], start)}\n{"resourceSpans": [oops\n${otlpJson([second], start + 60_000)}\n`;

  await page.goto(loupe.info.uiUrl);
  await expect(page.getByTestId('runs-page')).toBeVisible();
  await recordImportStates(page);

  // 1. The Import… button's file picker.
  await page.getByTestId('import-file-input').setInputFiles({
    name: 'prod-export.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(withBadLine),
  });
  const panel = page.getByTestId('import-panel');
  await expect(panel).toHaveAttribute('data-state', 'done');
  expect(await importStates(page)).toEqual(['running', 'done']);
  await expect(panel.getByTestId('import-summary-totals')).toHaveText('10 spans imported in 2 runs · from 1 file');
  await expect(panel.getByTestId('import-problems')).toContainText('prod-export.jsonl:2');
  await expect(panel.getByTestId('import-problems')).toContainText('invalid JSON');
  await expect(page.locator(`[data-testid="run-row"][data-trace-id="${first.traceId}"]`)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/exchange-import-summary.png` });
  await panel.getByTestId('import-panel-close').click();
  await expect(panel).toHaveCount(0);

  // 2. Two files dropped at once: a larger export (many runs) and a file that is not traces.
  const manyRuns = Array.from({ length: 150 }, (_, i) => otlpJson([supportAgentRun(1000 + i)], start + i * 1000));
  const dataTransfer = await page.evaluateHandle(
    ({ lines }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([lines.join('\n')], 'collector-export.jsonl'));
      dt.items.add(new File(['meeting notes, not traces\n'], 'notes.txt'));
      return dt;
    },
    { lines: manyRuns },
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await expect(page.getByTestId('import-drop-overlay')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/exchange-drop-overlay.png` });
  await recordImportStates(page);
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByTestId('import-drop-overlay')).toHaveCount(0);
  await expect(panel).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  expect(await importStates(page)).toEqual(['running', 'done']);
  await expect(panel.getByTestId('import-summary-totals')).toHaveText('750 spans imported in 150 runs · from 2 files');
  await expect(panel.getByTestId('import-failures')).toContainText('notes.txt: unknown format');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/exchange-import-failure.png` });

  // The imported runs are ordinary runs, marked as imported.
  await panel.getByTestId('import-show-runs').click();
  await expect(page.getByTestId('runs-count')).toHaveText('152 matching runs');

  // 3. Export one run from its page: a download, token-authenticated, that holds the run.
  await goTo(page, `#/run/${first.traceId}`);
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('run-origin')).toHaveText('import · prod-export.jsonl');
  await page.getByTestId('run-export').click();
  await expect(page.getByTestId('run-export-list')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/exchange-run-export-menu.png` });
  const [runDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-run-otlp-json').click(),
  ]);
  expect(runDownload.suggestedFilename()).toBe(`loupe-run-${first.traceId.slice(0, 12)}.json`);
  const exported = JSON.parse(readFileSync(await runDownload.path(), 'utf8')) as {
    resourceSpans: { scopeSpans: { spans: { traceId: string; name: string }[] }[] }[];
  };
  const spans = exported.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
  expect(spans.map((s) => s.traceId)).toEqual(Array(5).fill(first.traceId));
  expect(spans.map((s) => s.name).sort()).toEqual(first.spans.map((s) => s.name).sort());
  await expect(page.getByTestId('export-status')).toContainText('Saved loupe-run-');

  // 4. Export the filtered runs list as JSON Lines: one line per run.
  await goTo(page, '#/runs?origin=import&service=support-agent');
  await expect(page.getByTestId('runs-count')).toHaveText('152 matching runs');
  await page.getByTestId('runs-export').click();
  const [listDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-filtered-otlp-jsonl').click(),
  ]);
  expect(listDownload.suggestedFilename()).toMatch(/^loupe-runs-\d{8}-\d{6}\.jsonl$/);
  const lines = readFileSync(await listDownload.path(), 'utf8')
    .trim()
    .split('\n');
  expect(lines).toHaveLength(152);
  await expect(page.getByTestId('export-status')).toContainText('152 runs');
});

test('Settings › Forwarding: turned on into a second Loupe, headers masked, live status', async ({ page, loupe }) => {
  const tmp = makeTempDir('loupe-e2e-upstream-');
  const upstream = await startServeProcess(tmp.dir);
  try {
    await page.goto(`${loupe.info.uiUrl}&/settings/forwarding`);
    const section = page.getByTestId('settings-forwarding');
    await expect(section).toHaveAttribute('data-state', 'ready');
    await expect(section.getByTestId('forwarding-state')).toHaveText('Off');

    // A bad header line is refused with its line number, nothing is saved.
    await section.getByTestId('forwarding-url').fill(upstream.info.otlpHttpUrl);
    await section.getByTestId('forwarding-headers').fill('x-team=agents\nnot a header');
    await section.getByTestId('forwarding-toggle').click();
    await expect(section.getByTestId('forwarding-status-message')).toContainText(
      'line 2: write a header as Name=value',
    );
    await expect(section.getByTestId('forwarding-state')).toHaveText('Off');

    await section.getByTestId('forwarding-headers').fill('x-team=agents\nauthorization=Bearer sk-upstream-secret');
    await section.getByTestId('forwarding-toggle').click();
    await expect(section.getByTestId('forwarding-state')).toHaveText('On (from Settings)');
    const saved = section.getByTestId('forwarding-saved-header');
    await expect(saved).toHaveCount(2);
    await expect(section.getByTestId('forwarding-saved-headers')).toContainText('••••••••');
    await expect(section).not.toContainText('sk-upstream-secret');
    await expect(section.getByTestId('forwarding-headers')).toHaveValue('');

    // What arrives is relayed; the status refreshes by itself.
    const run = supportAgentRun(71);
    await sendRuns(loupe.info.otlpHttpUrl, [run]);
    await expect(section.getByTestId('forwarding-sent')).toHaveText('5', { timeout: 20_000 });
    await expect(section.getByTestId('forwarding-last-error')).toHaveText('—');
    const upstreamBase = upstream.info.uiUrl.split('/#')[0]!;
    const res = await fetch(`${upstreamBase}/api/getRun`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${upstream.info.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ traceId: run.traceId }),
    });
    expect(res.status).toBe(200);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-forwarding.png`, fullPage: true });

    // Off keeps the saved headers (their values were never on screen).
    await section.getByTestId('forwarding-toggle').click();
    await expect(section.getByTestId('forwarding-state')).toHaveText('Off');
    await expect(saved).toHaveCount(2);
  } finally {
    await upstream.stop();
    tmp.remove();
  }
});
