// The event-loop page through window.looplab: the two hellos print the second hello first
// and take 2 s; the loop's phases come from the trace, and play, pause, speed, stepping and
// "next phase of a kind" move the playhead with them; the slow-server run sleeps until
// each reply.
import { check, openPage, pageAct, pageState, runTest, screenshot, sleep, startBackend, waitForState } from '../../../tests/browser/lib/harness.mjs';
import { runAndWait, setParams } from '../../../tests/browser/lib/lesson.mjs';

// The page has read the ended run's phases (on the frame after the run).
const phasesIn = s => s.lesson.extra.run === s.lesson.run.run_number && s.lesson.extra.phase_count > 0;
const extra = async page => (await pageState(page)).lesson.extra;
async function act(page, args) {
  const r = await pageAct(page, 'loop_phase', args);
  check(r.ok, `loop_phase ${JSON.stringify(args)} refused: ${r.error}`);
  return r;
}

await runTest('event-loop', async ({ browser, cleanup }) => {
  const backend = await startBackend();
  cleanup(() => backend.stop());
  const page = await openPage(browser, `${backend.url}event-loop.html`, { width: 1440, height: 900 });

  // Before a run there is nothing to step through, and the page says so.
  const early = await pageAct(page, 'loop_phase', { step: 1 });
  check(!early.ok && /run the lesson first/.test(early.error), `before a run: ${JSON.stringify(early)}`);

  // --- Two hellos: the seed's result, from the trace ---
  const state = await runAndWait(page, { until: phasesIn });
  const verdict = state.lesson.frame.verdict;
  check(verdict.rows[0].seconds === 2, `total ${JSON.stringify(verdict.rows)}`);
  check(verdict.matches_model, 'the verdict says the run did not match the model');
  const printed = state.lesson.frame.console.map(l => l.text);
  check(printed.indexOf('second hello') >= 0 && printed.indexOf('second hello') < printed.indexOf('first hello'),
        `printed ${JSON.stringify(printed)}`);
  check(printed.includes('Time elapsed: 2.0'), `printed ${JSON.stringify(printed)}`);
  const kinds = state.lesson.extra.phases.map(p => p.kind).join(',');
  check(kinds === 'wait,step,wait,step,step,wait,timers,callback,wait,step,wait,timers,callback,wait,step,wait,step',
        `phase sequence ${kinds}`);

  // A new run plays from the first phase; pause holds it.
  let e = await extra(page);
  check(e.playing && e.phase.index <= 1, `after the run: playing ${e.playing} at phase ${e.phase.index}`);
  await act(page, { play: false });
  await act(page, { to: 'start' });
  e = await extra(page);
  check(!e.playing && e.phase.index === 0 && e.phase.kind === 'wait' && e.phase.timeout === 0, `start: ${JSON.stringify(e.phase)}`);

  // Next "timers": second's timer falls due at 1.0 s, first's stays; the playhead went there.
  await act(page, { next: 'timers' });
  let s = await pageState(page);
  e = s.lesson.extra;
  check(e.phase.kind === 'timers' && e.phase.time === 1, `next timers: ${JSON.stringify(e.phase)}`);
  check(e.phase.heap.length === 2 && e.phase.heap[0].task === 'second' && e.phase.heap[0].falling_due &&
        e.phase.heap[1].task === 'first' && !e.phase.heap[1].falling_due, `heap ${JSON.stringify(e.phase.heap)}`);
  check(s.lesson.frame.playhead.time === 1, `playhead at ${s.lesson.frame.playhead.time}`);

  // Step back: the wait before it slept from 0.0 to 1.0 s with a 1.0 s timeout.
  await act(page, { step: -1 });
  e = await extra(page);
  check(e.phase.kind === 'wait' && e.phase.began === 0 && e.phase.time === 1 && e.phase.timeout === 1,
        `the wait before the timers: ${JSON.stringify(e.phase)}`);
  // Step forward twice: the timer's callback, then (after a poll) second runs and prints.
  await act(page, { step: 2 });
  await act(page, { next: 'step' });
  e = await extra(page);
  check(e.phase.kind === 'step' && e.phase.task === 'second' && /prints "second hello"/.test(e.phase.headline),
        `second's step: ${JSON.stringify(e.phase)}`);
  const bad = await pageAct(page, 'loop_phase', { next: 'nap' });
  check(!bad.ok && /wait, timers, step, callback/.test(bad.error), `a bad kind: ${JSON.stringify(bad)}`);

  // Play at 4x: the phase moves on by itself, and stops at the last.
  check((await pageAct(page, 'loop_phase', { speed: 3 })).ok === false, 'speed 3 was accepted');
  await act(page, { speed: 4 });
  const from = (await extra(page)).phase.index;
  await act(page, { play: true });
  await waitForState(page, 'playing to move on', st => st.lesson.extra.phase.index > from, { timeoutMs: 5000 });
  await act(page, { play: false });
  const held = (await extra(page)).phase.index;
  await sleep(700);
  check((await extra(page)).phase.index === held, 'the phase moved while paused');
  await act(page, { to: 'end' });
  e = await extra(page);
  check(e.phase.index === e.phase_count - 1 && e.phase.task === 'main', `the last phase: ${JSON.stringify(e.phase)}`);
  await screenshot(page, 'event-loop-two-hellos-desktop');

  // --- The slow-server async run: three requests out at once, a reply after each wait ---
  await setParams(page, { scenario: 'slow-server' });
  const server = await runAndWait(page, { until: phasesIn });
  check(server.lesson.frame.verdict.rows[0].seconds === 10, `slow server: ${JSON.stringify(server.lesson.frame.verdict.rows)}`);
  check(server.lesson.frame.verdict.finish_order.slice(0, 3).join() === 'R2,R3,R1',
        `slow server finished ${server.lesson.frame.verdict.finish_order}`);
  const sleeps = server.lesson.extra.phases.filter(p => p.kind === 'wait' && !/-> (\S+) \(timeout 0.0\)/.test(p.text));
  check(sleeps.map(p => p.time).join() === '2,5,10', `the waits that slept: ${JSON.stringify(sleeps)}`);
  await act(page, { play: false });
  await act(page, { to: 'start' });
  await act(page, { next: 'callback' });
  e = await extra(page);
  check(e.phase.kind === 'callback' && e.phase.task === 'R2' && e.phase.time === 2, `the first reply: ${JSON.stringify(e.phase)}`);
  await screenshot(page, 'event-loop-slow-server-desktop');
  await page.context().close();

  // --- A phone: the same page, one column ---
  const phone = await openPage(browser, `${backend.url}event-loop.html`, { width: 390, height: 844, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  await runAndWait(phone, { until: phasesIn });
  await act(phone, { play: false });
  await act(phone, { to: 'start' });
  await act(phone, { next: 'timers' });
  const p = await pageState(phone);
  check(p.lesson.frame.layout.columns === 1, `phone layout: ${p.lesson.frame.layout.columns} columns`);
  await screenshot(phone, 'event-loop-two-hellos-phone');
});
