// The sequential-awaits page through window.looplab (seed 002): on the virtual clock,
// 2 s in a row, 1 s gathered, 2 s with time.sleep and the loop held, the TypeError of
// `await time.sleep`, 1,000 gathered hellos in 1 s; on the real clock, the sleeps in
// real time in the page (scaled down: 0.3 s).
import { check, openPage, runTest, startBackend } from '../../../tests/browser/lib/harness.mjs';
import { runAndWait, setParams } from '../../../tests/browser/lib/lesson.mjs';

const typeError = "TypeError: object NoneType can't be used in 'await' expression";

const virtualCases = [
  { p: { how: 'in-a-row', sleep: 'asyncio', hellos: 2, seconds: 1 }, total: 2, console: ['hello', 'goodbye', 'hello', 'goodbye', 'Time elapsed: 2.0'], blocked: 0 },
  { p: { how: 'gather', sleep: 'asyncio', hellos: 2, seconds: 1 }, total: 1, console: ['hello', 'hello', 'goodbye', 'goodbye', 'Time elapsed: 1.0'], blocked: 0 },
  { p: { how: 'gather', sleep: 'time', hellos: 2, seconds: 1 }, total: 2, console: ['hello', 'goodbye', 'hello', 'goodbye', 'Time elapsed: 2.0'], blocked: 2 },
  { p: { how: 'in-a-row', sleep: 'await-time', hellos: 2, seconds: 1 }, total: 1, console: ['hello', typeError], blocked: 1, failed: true },
  { p: { how: 'gather', sleep: 'asyncio', hellos: 1000, seconds: 1 }, total: 1, hellos: 1000, blocked: 0 },
];

await runTest('sequential-awaits', async ({ browser, cleanup }) => {
  const backend = await startBackend();
  cleanup(() => backend.stop());
  const page = await openPage(browser, `${backend.url}sequential-awaits.html?clock=virtual`);
  for (const c of virtualCases) {
    const what = JSON.stringify(c.p);
    await setParams(page, c.p);
    const state = await runAndWait(page, { timeoutMs: 30000 });
    const { frame, extra, run } = state.lesson;
    check(run.status === (c.failed ? 'failed' : 'finished'), `${what}: the run ${run.status}: ${run.error}`);
    check(Math.abs(frame.verdict.rows[0].seconds - c.total) < 1e-9, `${what}: measured ${frame.verdict.rows[0].seconds} s, expected ${c.total}`);
    check(frame.verdict.matches_model, `${what}: the verdict disagrees with the model: ${frame.verdict.meaning}`);
    if (c.console) {
      const text = frame.console.map(l => l.text);
      check(JSON.stringify(text) === JSON.stringify(c.console), `${what}: the console says ${JSON.stringify(text)}`);
    }
    if (c.hellos) check(extra.hellos === c.hellos && extra.goodbyes === c.hellos, `${what}: ${extra.hellos} hellos, ${extra.goodbyes} goodbyes`);
    check(Math.abs(extra.blocked_seconds - c.blocked) < 1e-9, `${what}: the loop was held ${extra.blocked_seconds} s`);
    if (c.failed) check(extra.error === typeError && run.error.includes(typeError), `${what}: error '${extra.error}' / '${run.error}'`);
  }

  // The real clock: the sleeps take real time in the page.
  const real = [
    { p: { how: 'in-a-row', sleep: 'asyncio', hellos: 2, seconds: 0.3 }, total: 0.6 },
    { p: { how: 'gather', sleep: 'asyncio', hellos: 2, seconds: 0.3 }, total: 0.3 },
    { p: { how: 'gather', sleep: 'time', hellos: 2, seconds: 0.3 }, total: 0.6 },
  ];
  for (const c of real) {
    const what = `real ${JSON.stringify(c.p)}`;
    await setParams(page, { ...c.p, clock: 'real' });
    const state = await runAndWait(page, { timeoutMs: 30000 });
    check(state.lesson.run.clock === 'real', `${what}: ran on the ${state.lesson.run.clock} clock`);
    const total = state.lesson.frame.verdict.rows[0].seconds;
    // Generous: a shared machine may be slow to give the page its frames; never faster.
    check(total >= c.total - 0.01 && total <= c.total + 0.4, `${what}: took ${total} s, expected about ${c.total}`);
    if (c.p.sleep === 'time') check(state.lesson.extra.blocked_seconds >= 0.59, `${what}: held ${state.lesson.extra.blocked_seconds} s`);
  }
  const refused = await page.evaluate(() => window.looplab.act('set_params', { hellos: 1001 }));
  check(!refused.ok, `1001 hellos were not refused: ${JSON.stringify(refused)}`);
});
