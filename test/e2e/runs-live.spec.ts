import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as HttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { sendSdkTrace } from '../helpers/sdk-traces';

test('a run sent by the SDK shows up in the live runs list and opens', async ({ page, loupe }) => {
  await page.goto(loupe.info.uiUrl);
  const table = page.getByTestId('runs-table');
  await expect(table).toHaveAttribute('data-state', 'empty');
  await expect(page.getByTestId('empty-state')).toContainText(loupe.info.otlpHttpUrl);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-empty.png` });

  const sent = await sendSdkTrace(new OTLPTraceExporter({ url: `${loupe.info.otlpHttpUrl}/v1/traces` }), 'e2e-agent');
  const ackedAt = Date.now();
  const row = page.locator(`[data-testid="run-row"][data-trace-id="${sent.traceId}"]`);
  await expect(row).toBeVisible();
  expect(Date.now() - ackedAt, 'the run appears within 1 s of the export being acknowledged').toBeLessThan(1000);
  await expect(table).toHaveAttribute('data-state', 'ready');
  await expect(row).toContainText('agent.run');
  await expect(row).toContainText('e2e-agent');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-list.png` });

  await row.click();
  const view = page.getByTestId('run-view');
  await expect(view).toBeVisible();
  await expect(view.getByTestId('span-row')).toHaveCount(2);
  await expect(view).toContainText('llm.call');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-view.png` });

  await page.keyboard.press('Escape');
  await expect(row).toBeVisible();
});

test('the page without its token explains how to get in', async ({ page, loupe }) => {
  await page.goto(loupe.info.uiUrl.split('#')[0]!);
  await expect(page.locator('body')).toContainText('loupe serve');
});

test('runs from each exporter (http/json, http/protobuf, grpc) appear within 1 s', async ({ page, loupe }) => {
  await page.goto(loupe.info.uiUrl);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  const exporters = {
    'http/json': new HttpJsonExporter({ url: `${loupe.info.otlpHttpUrl}/v1/traces` }),
    'http/protobuf': new OTLPTraceExporter({ url: `${loupe.info.otlpHttpUrl}/v1/traces` }),
    grpc: new GrpcExporter({ url: loupe.info.otlpGrpcUrl }),
  };
  for (const [protocol, exporter] of Object.entries(exporters)) {
    const sent = await sendSdkTrace(exporter, `svc-${protocol}`);
    const ackedAt = Date.now();
    const row = page.locator(`[data-testid="run-row"][data-trace-id="${sent.traceId}"]`);
    await expect(row).toContainText(`svc-${protocol}`);
    expect(Date.now() - ackedAt, `${protocol}: visible within 1 s of the acknowledged export`).toBeLessThan(1000);
  }
  await expect(page.getByTestId('run-row')).toHaveCount(3);
});
