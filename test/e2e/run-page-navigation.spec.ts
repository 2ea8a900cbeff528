import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { sendRuns, supportAgentRun } from './genai-otlp';
import { FAILING_TURNS, RARE_WORD, RARE_WORD_TURN, longAgentRun, longRunSpanId } from './long-run';

test('the transcript reads a run as one conversation; an entry leads to its step', async ({ page, loupe }) => {
  const run = supportAgentRun(7);
  await page.goto(loupe.info.uiUrl);
  await sendRuns(loupe.info.otlpHttpUrl, [run]);
  await page.locator(`[data-testid="run-row"][data-trace-id="${run.traceId}"]`).click();
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('step-row')).toHaveCount(5);

  // The Transcript tab, reached from the keyboard: Tab onto the tab list, → to the next tab.
  await view.getByTestId('run-tab-timeline').focus();
  await page.keyboard.press('ArrowRight');
  await expect(view.getByTestId('run-tab-transcript')).toHaveAttribute('aria-selected', 'true');
  await expect(view.getByTestId('run-tab-transcript')).toBeFocused();
  expect(page.url()).toContain(`/run/${run.traceId}/transcript`);
  const transcript = view.getByTestId('transcript');
  await expect(transcript).toHaveAttribute('data-state', 'ready');

  // The system prompt once, folded.
  await expect(transcript.getByTestId('transcript-system')).toHaveCount(1);
  await expect(transcript.getByTestId('transcript-system')).not.toHaveAttribute('open');
  const entries = transcript.getByTestId('transcript-entry');
  await expect(entries).toHaveCount(4);
  await expect(entries.nth(0)).toHaveAttribute('data-type', 'model-call');
  await expect(entries.nth(0).getByTestId('chat-message').first()).toContainText('Where is my order #A-1042?');
  // The tool call: arguments and result as pretty JSON.
  const tool = entries.nth(1);
  await expect(tool).toHaveAttribute('data-type', 'tool-call');
  await expect(tool).toContainText('get_order');
  await expect(tool.getByTestId('transcript-tool-arguments')).toContainText('"order_id": "A-1042"');
  await expect(tool.getByTestId('transcript-tool-result')).toContainText('"carrier": "DHL"');
  // The answer: the question and the tool call are not shown again.
  const answer = entries.nth(2);
  await expect(answer.getByTestId('transcript-repeated')).toHaveText('3 earlier messages sent again');
  await expect(answer.getByTestId('chat-message')).toHaveCount(1);
  await expect(answer.getByTestId('chat-message')).toContainText('should arrive on November 5');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-transcript.png` });

  // A deep link opens the transcript directly.
  await page.reload();
  await expect(view.getByTestId('transcript')).toHaveAttribute('data-state', 'ready');

  // Clicking the answer's entry selects its step in the timeline.
  await view.getByTestId('transcript-entry').nth(2).getByTestId('transcript-step-link').click();
  await expect(view.getByTestId('run-tab-timeline')).toHaveAttribute('aria-selected', 'true');
  expect(page.url()).not.toContain('/transcript');
  await expect(view.getByTestId('step-detail')).toHaveAttribute('data-span-id', run.spans[3]!.spanId);
  await expect(view.locator(`[data-testid="span-row"][data-span-id="${run.spans[3]!.spanId}"]`)).toHaveAttribute(
    'aria-selected',
    'true',
  );
});

test('a long run: search within it, step through matches, jump to errors, scroll with the minimap', async ({
  page,
  loupe,
}) => {
  const run = longAgentRun(3);
  await page.goto(loupe.info.uiUrl);
  await sendRuns(loupe.info.otlpHttpUrl, [run]);
  await page.locator(`[data-testid="run-row"][data-trace-id="${run.traceId}"]`).click();
  const view = page.getByTestId('run-view');
  const rows = view.getByTestId('span-row');
  await expect(rows.first()).toBeVisible();
  // Virtualized: far fewer rows in the DOM than the run's 161 steps.
  expect(await rows.count()).toBeLessThan(80);
  await expect(view.getByTestId('run-error-count')).toHaveText('3');

  // The minimap: one canvas, with the viewport band at the top.
  const minimap = view.getByTestId('minimap');
  await expect(minimap).toBeVisible();
  await expect(minimap).toHaveAttribute('data-rows', '161');
  await expect(minimap.locator('canvas')).toHaveCount(1);
  const band = view.getByTestId('minimap-viewport');
  const bandTop = async () => (await band.boundingBox())!.y;
  const topBefore = await bandTop();
  const box = (await minimap.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 4);
  const tree = view.getByTestId('span-tree');
  await expect.poll(() => tree.evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);
  await expect.poll(bandTop).toBeGreaterThan(topBefore + 100);
  await expect(view.locator(`[data-span-id="${longRunSpanId(run, 80, 'tool')}"]`).first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-minimap.png` });

  // Search by step name (matched in the page, then by the engine too) with `/`; Enter steps through the matches.
  await page.keyboard.press('/');
  const search = view.getByTestId('run-search-input');
  await expect(search).toBeFocused();
  await search.fill('execute_tool');
  const count = view.getByTestId('run-search-count');
  await expect(count).toHaveText('80 matches');
  await expect(count).toHaveAttribute('data-state', 'done');
  await expect(count).toHaveText('80 matches');
  await search.press('Enter');
  await expect(count).toHaveText('1 of 80');
  const detail = view.getByTestId('step-detail');
  await expect(detail).toHaveAttribute('data-span-id', longRunSpanId(run, 1, 'tool'));
  await search.press('Enter');
  await expect(count).toHaveText('2 of 80');
  await search.press('Shift+Enter');
  await search.press('Shift+Enter');
  await expect(count).toHaveText('80 of 80');
  await expect(detail).toHaveAttribute('data-span-id', longRunSpanId(run, 80, 'tool'));
  await expect(view.locator('[data-testid="span-row"][data-match="true"]').first()).toBeVisible();

  // Search by message text, found by the engine's full-text index (filled in the background).
  await search.fill(RARE_WORD);
  await expect(count).toHaveText('1 match', { timeout: 15_000 });
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await search.fill(RARE_WORD);
  await expect(count).toHaveText('1 match');
  await search.press('Enter');
  await expect(count).toHaveText('1 of 1');
  await expect(detail).toHaveAttribute('data-span-id', longRunSpanId(run, RARE_WORD_TURN, 'tool'));
  const match = view.locator(`[data-testid="span-row"][data-span-id="${longRunSpanId(run, RARE_WORD_TURN, 'tool')}"]`);
  await expect(match).toBeInViewport();
  await expect(match).toHaveAttribute('data-match', 'true');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-search.png` });

  // n / N outside the box; e jumps to the next failed step after the selection, wrapping round.
  await search.press('Escape');
  await page.keyboard.press('e');
  const errorJump = view.getByTestId('error-jump');
  await expect(detail).toHaveAttribute('data-span-id', longRunSpanId(run, FAILING_TURNS[1], 'tool'));
  await expect(errorJump).toHaveText(/Error 3 of 3/);
  await expect(detail.getByTestId('step-error')).toContainText('upstream 503 from the docs index');
  await page.keyboard.press('e');
  await expect(detail).toHaveAttribute('data-span-id', run.spans[0]!.spanId);
  await expect(errorJump).toHaveText(/Error 1 of 3/);
  await page.keyboard.press('Shift+E');
  await expect(detail).toHaveAttribute('data-span-id', longRunSpanId(run, FAILING_TURNS[1], 'tool'));
  await errorJump.click();
  await expect(detail).toHaveAttribute('data-span-id', run.spans[0]!.spanId);
  await errorJump.click();
  await expect(detail).toHaveAttribute('data-span-id', longRunSpanId(run, FAILING_TURNS[0], 'tool'));
  await expect(
    view.locator(`[data-testid="span-row"][data-span-id="${longRunSpanId(run, FAILING_TURNS[0], 'tool')}"]`),
  ).toBeInViewport();

  // Collapse the agent (←): one row; a search match inside it opens it again.
  await page.keyboard.press('e');
  await expect(detail).toHaveAttribute('data-span-id', longRunSpanId(run, FAILING_TURNS[1], 'tool'));
  await page.keyboard.press('Shift+E');
  await page.keyboard.press('Shift+E');
  await expect(detail).toHaveAttribute('data-span-id', run.spans[0]!.spanId);
  await page.keyboard.press('ArrowLeft');
  await expect(rows).toHaveCount(1);
  await expect(view.getByTestId('minimap')).toHaveCount(0);
  await page.keyboard.press('/');
  await search.fill('topic 7');
  await expect.poll(() => rows.count()).toBeGreaterThan(1);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-errors.png` });
});
