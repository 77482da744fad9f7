// The container test's browser part: Debian's Chromium opens the self-hosted
// stack through nginx, as a learner would. The start page must start, reach
// the backend from inside the page (a real 0.3 s delay), and every lesson it
// lists must load its wasm and draw.
//
// LOOPLAB_STACK_URL  the stack's start page (set by compose_stack_test.sh)
import { check, openPage, pageAct, requireEnv, runTest, screenshot, waitForState } from '../browser/lib/harness.mjs';

const url = requireEnv('LOOPLAB_STACK_URL');

await runTest('containers.lesson-pages', async ({ browser }) => {
  const start = await openPage(browser, url);
  const failed = [];
  start.on('response', r => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });

  const asked = await pageAct(start, 'check_backend', { seconds: 0.3 });
  check(asked.ok, `check_backend refused: ${JSON.stringify(asked)}`);
  const state = await waitForState(start, 'the reply', s => ['answered', 'failed'].includes(s.backend_check.status),
                                   { timeoutMs: 15000 });
  check(state.backend_check.status === 'answered' && state.backend_check.reply === 'Done, I waited for 0.3 secs',
        `the page did not get the delay reply through the stack: ${JSON.stringify(state.backend_check)}`);
  console.log(`  ok: the start page reached the backend (${state.backend_check.measured_seconds.toFixed(3)} s for 0.3 s)`);
  await screenshot(start, 'containers-start-page');

  const lessons = await start.locator('.lesson-list a.lesson-card').evaluateAll(as => as.map(a => a.href));
  for (const lesson of lessons) {
    const page = await openPage(browser, lesson);
    const drawn = await waitForState(page, `${lesson} to draw frames`, s => s.app && s.app.frames > 3, { timeoutMs: 20000 });
    console.log(`  ok: ${lesson} loaded and drew ${drawn.app.frames} frames`);
    await screenshot(page, `containers-${new URL(lesson).pathname.replace(/\W+/g, '-').replace(/^-|-$/g, '')}`);
    check(page.looplabErrors.length === 0, `${lesson} logged errors: ${page.looplabErrors.join(' | ')}`);
    await page.context().close();
  }
  if (lessons.length === 0) console.log('  note: the start page lists no lessons yet');
  check(failed.length === 0, `requests failed: ${failed.join(', ')}`);
  check(start.looplabErrors.length === 0, `the start page logged errors: ${start.looplabErrors.join(' | ')}`);
});
