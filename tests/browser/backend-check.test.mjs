// Issue 3, the first page: the start page against the real backend. A learner
// asks for a 0.3 s delay and sees the reply and the measured time; with the
// backend stopped, the page says so and keeps working.
import { check, openPage, pageAct, pageState, runTest, screenshot, startBackend, waitForState } from './lib/harness.mjs';

await runTest('backend-check', async ({ browser, cleanup }) => {
  const backend = await startBackend();
  cleanup(() => backend.stop());

  // A high-DPI screen: the canvas must be drawn at device pixels, not stretched.
  const page = await openPage(browser, backend.url, { width: 1200, height: 900, deviceScaleFactor: 2 });

  const canvas = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    const r = c.getBoundingClientRect();
    return { webgl2: c.getContext('webgl2') !== null, width: c.width, height: c.height, cssWidth: r.width, cssHeight: r.height };
  });
  check(canvas.webgl2, 'the canvas has no WebGL2 context');
  check(Math.abs(canvas.width - 2 * canvas.cssWidth) <= 2 && Math.abs(canvas.height - 2 * canvas.cssHeight) <= 2,
        `canvas backing store ${canvas.width}x${canvas.height} is not 2x its CSS size ${canvas.cssWidth}x${canvas.cssHeight}`);

  const lessonCards = await page.locator('.lesson-list li').count();
  check(lessonCards >= 1, 'the start page lists no lessons (not even the "none yet" line)');

  // A real 0.3 s delay through the hook, measured by the page.
  const asked = await pageAct(page, 'check_backend', { seconds: 0.3 });
  check(asked.ok, `check_backend refused: ${JSON.stringify(asked)}`);
  let state = await waitForState(page, 'the reply', s => ['answered', 'failed'].includes(s.backend_check.status));
  const reply = state.backend_check;
  check(reply.status === 'answered', `expected a reply, got ${JSON.stringify(reply)}`);
  check(reply.reply === 'Done, I waited for 0.3 secs', `reply text was '${reply.reply}'`);
  check(reply.measured_seconds >= 0.3 && reply.measured_seconds <= 1.0,
        `measured ${reply.measured_seconds} s for a 0.3 s delay (expected 0.3 to 1.0)`);
  console.log(`measured ${reply.measured_seconds.toFixed(3)} s for a 0.3 s delay`);
  await screenshot(page, 'backend-check-answered');

  // Bad input is refused with a reason, not sent.
  const refused = await pageAct(page, 'check_backend', { seconds: -1 });
  check(!refused.ok && /between/.test(refused.error), `a negative delay was not refused clearly: ${JSON.stringify(refused)}`);

  // The canvas follows the window.
  await page.setViewportSize({ width: 700, height: 900 });
  state = await waitForState(page, 'the canvas to follow the resize', s => s.app.canvas.css_width < canvas.cssWidth - 100);
  const resized = await page.evaluate(() => document.getElementById('canvas').width);
  check(Math.abs(resized - 2 * state.app.canvas.css_width) <= 2, `after resize the backing store is ${resized} px for ${state.app.canvas.css_width} CSS px`);

  // The backend goes away: a clear message, no hang, and the page keeps drawing.
  await backend.stop();
  check((await pageAct(page, 'check_backend', { seconds: 0.3 })).ok, 'check_backend refused after the backend stopped');
  state = await waitForState(page, 'the error', s => s.backend_check.status === 'failed', { timeoutMs: 8000 });
  check(/Cannot reach the backend/.test(state.backend_check.error), `unexpected error text: '${state.backend_check.error}'`);
  check(state.backend_check.measured_seconds < 5, `the failure took ${state.backend_check.measured_seconds} s to show`);
  const framesBefore = state.app.frames;
  await waitForState(page, 'frames to keep coming', s => s.app.frames > framesBefore + 5);
  check((await pageAct(page, 'check_backend', { seconds: 0.1 })).ok, 'the page stopped accepting requests');
  await waitForState(page, 'the second error', s => s.backend_check.status === 'failed' && s.backend_check.attempts === 3);
  await screenshot(page, 'backend-check-backend-gone');

  const errors = page.looplabErrors.filter(e => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(e));
  check(errors.length === 0, `the page logged errors: ${errors.join(' | ')}`);
});
