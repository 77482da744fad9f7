// The executor page through window.looplab (seeds 002, 004), on the virtual clock:
// compute_pi inline prints pi before the greetings with the loop held; on the pool the
// greetings come first and the loop stays free; five cats take 10 s inline, 2 s on the
// executor and 6 s on two workers.
import { check, openPage, runTest, startBackend } from '../../../tests/browser/lib/harness.mjs';
import { runAndWait, setParams } from '../../../tests/browser/lib/lesson.mjs';

const greetings = ['hello while pi is computed', 'hello again'];
const cases = [
  { p: { part: 'pi', mode: 'inline' }, total: 1, blocked: 1, executor: 0, greetingsFirst: 0 },
  { p: { part: 'pi', mode: 'executor' }, total: 1, blocked: 0, executor: 1, greetingsFirst: 2 },
  { p: { part: 'cats', mode: 'inline', workers: 5 }, total: 10, blocked: 10, executor: 0, peak: 0 },
  { p: { part: 'cats', mode: 'executor', workers: 5 }, total: 2, blocked: 0, executor: 10, peak: 5 },
  { p: { part: 'cats', mode: 'executor', workers: 2 }, total: 6, blocked: 0, executor: 10, peak: 2 },
];

await runTest('executor', async ({ browser, cleanup }) => {
  const backend = await startBackend();
  cleanup(() => backend.stop());
  const page = await openPage(browser, `${backend.url}executor.html`);
  for (const c of cases) {
    const what = JSON.stringify(c.p);
    await setParams(page, c.p);
    const state = await runAndWait(page, { timeoutMs: 30000 });
    const { frame, extra, run } = state.lesson;
    check(run.status === 'finished', `${what}: the run ${run.status}: ${run.error}`);
    check(Math.abs(frame.verdict.rows[0].seconds - c.total) < 1e-9, `${what}: measured ${frame.verdict.rows[0].seconds} s, expected ${c.total}`);
    check(frame.verdict.matches_model, `${what}: the verdict disagrees with the model: ${frame.verdict.meaning}`);
    check(Math.abs(extra.blocked_seconds - c.blocked) < 1e-9, `${what}: the loop was held ${extra.blocked_seconds} s`);
    check(Math.abs(extra.executor_seconds - c.executor) < 1e-9, `${what}: ${extra.executor_seconds} s on the pool`);
    if (c.peak !== undefined) check(extra.peak_workers === c.peak, `${what}: ${extra.peak_workers} workers at once`);
    if (c.greetingsFirst !== undefined) {
      const text = frame.console.map(l => l.text);
      check(extra.greetings_before_pi === c.greetingsFirst, `${what}: ${extra.greetings_before_pi} greetings before pi`);
      const pi = text.find(t => t.startsWith('3.14159265358979323846'));
      check(pi && pi.length === 802 && pi.endsWith('1609631860'), `${what}: pi printed as ${pi && pi.slice(-20)}`);
      check(greetings.every(g => text.includes(g)), `${what}: the console says ${JSON.stringify(text.map(t => t.slice(0, 30)))}`);
    }
  }
  const refused = await page.evaluate(() => window.looplab.act('set_params', { workers: 33 }));
  check(!refused.ok, `33 workers were not refused: ${JSON.stringify(refused)}`);
});
