// The hand-made-loop page through window.looplab, against the real backend and the built
// site (seeds 003 and 002). Virtual clock: ten polling tasks of 3 s in about 3 s in a set's
// order, nearly every poll wasted; five generator sleeps in about 3 s giving [1, 2, 3, 4, 5];
// the hello example's four solutions with their lines and totals; asyncio's gather of the
// same. Real clock (scaled down: 0.3 s): the page really spins, and its polls are counted.
import { check, openPage, runTest, startBackend } from '../../../tests/browser/lib/harness.mjs';
import { runAndWait, setParams } from '../../../tests/browser/lib/lesson.mjs';

const handed = 'the loop was handed a generator object and ignores it';
const hellos = ['hello', 'hello', 'goodbye', 'goodbye'];
const cases = [
  { p: { part: 'generators', sleeps: 5, seconds: 3 }, total: 3, console: ['Time elapsed: 3.0', '[1, 2, 3, 4, 5]'], results: '[1, 2, 3, 4, 5]' },
  { p: { part: 'hello', solution: '1', hellos: 2, hello_seconds: 1 }, total: 2, console: [...hellos, 'Time elapsed: 2.0'], blocked: 2 },
  { p: { part: 'hello', solution: '2' }, total: 1, console: [...hellos, 'Time elapsed: 1.0'] },
  { p: { part: 'hello', solution: '3' }, total: 0, console: ['hello', handed, 'hello', handed, 'goodbye', 'goodbye', 'Time elapsed: 0.0'] },
  { p: { part: 'hello', solution: '4' }, total: 1, console: [...hellos, 'Time elapsed: 1.0'] },
  { p: { part: 'asyncio', asyncio: 'hellos' }, total: 1, console: [...hellos, 'Time elapsed: 1.0'] },
  { p: { part: 'asyncio', asyncio: 'sleeps', sleeps: 5, seconds: 3 }, total: 3, console: ['Time elapsed: 3.0', '[1, 2, 3, 4, 5]'], results: '[1, 2, 3, 4, 5]' },
];

await runTest('hand-made-loop', async ({ browser, cleanup }) => {
  const backend = await startBackend();
  cleanup(() => backend.stop());
  const page = await openPage(browser, `${backend.url}hand-made-loop.html?clock=virtual`);

  // Polling, twice: about 3 s, all ten tasks, almost every poll wasted, and the order of a set.
  const orders = [];
  for (let i = 0; i < 2; ++i) {
    await setParams(page, { part: 'polling', tasks: 10, seconds: 3, poll_ms: 1 });
    const { lesson } = await runAndWait(page, { timeoutMs: 30000 });
    const { frame, extra, run } = lesson;
    check(run.status === 'finished', `polling: the run ${run.status}: ${run.error}`);
    check(Math.abs(extra.total - 3) < 0.02, `polling took ${extra.total} s`);
    check(frame.verdict.matches_model, `polling: the verdict disagrees: ${frame.verdict.meaning}`);
    check(extra.finish_order.length === 10 && new Set(extra.finish_order).size === 10, `finish order ${extra.finish_order}`);
    check(extra.polls >= 3000 && extra.polls <= 3011 && extra.wasted === extra.polls - 10, `polls ${extra.polls}, wasted ${extra.wasted}`);
    check(Math.abs(extra.cpu_seconds - 3) < 0.05, `CPU ${extra.cpu_seconds} s`);
    const text = frame.console.map(l => l.text);
    check(text.filter(t => /^task \d done$/.test(t)).length === 10, `console: ${JSON.stringify(text)}`);
    orders.push(extra.finish_order.join(','));
  }
  check(orders[0] !== orders[1], `two runs gave the same set order: ${orders[0]}`);

  for (const c of cases) {
    const what = JSON.stringify(c.p);
    await setParams(page, c.p);
    const { lesson } = await runAndWait(page, { timeoutMs: 30000 });
    const { frame, extra, run } = lesson;
    check(run.status === 'finished', `${what}: the run ${run.status}: ${run.error}`);
    check(Math.abs(extra.total - c.total) < 0.02, `${what}: took ${extra.total} s, expected about ${c.total}`);
    check(frame.verdict.matches_model, `${what}: the verdict disagrees: ${frame.verdict.meaning}`);
    const text = frame.console.map(l => l.text);
    check(JSON.stringify(text) === JSON.stringify(c.console), `${what}: the console says ${JSON.stringify(text)}`);
    if (c.results) check(extra.results === c.results, `${what}: results ${extra.results}`);
    if (c.blocked) check(Math.abs(extra.blocked_seconds - c.blocked) < 1e-6, `${what}: blocked ${extra.blocked_seconds} s`);
  }

  // The real clock, scaled down: the page spins for 0.3 s, counting real polls.
  await setParams(page, { part: 'polling', tasks: 10, seconds: 0.3, clock: 'real' });
  const { lesson } = await runAndWait(page, { timeoutMs: 30000 });
  check(lesson.run.clock === 'real', `ran on the ${lesson.run.clock} clock`);
  const { extra } = lesson;
  check(extra.total >= 0.3 - 0.01 && extra.total <= 0.3 + 0.6, `real polling took ${extra.total} s`);
  check(extra.finish_order.length === 10, `real finish order ${extra.finish_order}`);
  check(extra.polls > 1000 && extra.wasted === extra.polls - 10, `real polls ${extra.polls}`);
  console.log(`real clock in the page: ${extra.polls} polls in ${extra.total.toFixed(3)} s = ${Math.round(extra.polls_per_second)} polls/s`);

  // Bad input: refused with a sentence, or the run fails with one.
  const many = await page.evaluate(() => window.looplab.act('set_params', { tasks: 101 }));
  check(!many.ok && /tasks/.test(many.error), `101 tasks were not refused: ${JSON.stringify(many)}`);
  await setParams(page, { part: 'hello', clock: 'real' });
  const refused = await runAndWait(page, { timeoutMs: 15000 });
  check(refused.lesson.run.status === 'failed' && /real clock is for the polling loop/.test(refused.lesson.run.error),
        `a generator loop on the real clock: ${refused.lesson.run.status} ${refused.lesson.run.error}`);
});
