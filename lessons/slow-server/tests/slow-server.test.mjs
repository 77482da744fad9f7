// Issue 5: the slow-server lesson, for real, in the browser, against the real backend.
// At time scale 0.1 the three requesters ask for 1.0, 0.2 and 0.5 s. Everything asserted
// comes from the run's trace, read through window.looplab.
import { check, openPage, pageAct, pageState, runTest, screenshot, sleep, startBackend, waitFor, waitForState } from '../../../tests/browser/lib/harness.mjs';
import { runAndWait } from '../../../tests/browser/lib/lesson.mjs';
import { readTrace } from '../../../tests/browser/lib/trace.mjs';

const delayOf = { R1: 1.0, R2: 0.2, R3: 0.5 };
const requesterFor = description => {
  const seconds = Number(/seconds=([0-9.]+)/.exec(description)?.[1]);
  return Object.keys(delayOf).find(name => Math.abs(delayOf[name] - seconds) < 1e-9);
};

// Runs the lesson with the parameters in force and returns what its trace says.
async function runAndRead(page) {
  const state = await runAndWait(page);
  check(state.lesson.run.status === 'finished', `the run did not finish: ${JSON.stringify(state.lesson.run)}`);
  const t = readTrace(await page.evaluate(() => window.looplab.trace()));
  const main = t.task('main');
  check(main && main.finished !== null, 'no finished main task in the trace');
  const requests = t.requests.map(r => ({ ...r, who: requesterFor(r.description) }));
  check(requests.length === 3 && requests.every(r => r.who && r.answered !== null),
        `expected three answered requests, got ${JSON.stringify(requests)}`);
  const finishOrder = [...requests].sort((a, b) => a.answered - b.answered).map(r => r.who);
  const sentSpread = Math.max(...requests.map(r => r.sent)) - main.created;
  return { total: main.finished - main.created, finishOrder, sentSpread, requests, clock: t.clock, state };
}

function near(value, target, tolerance, what) {
  check(Math.abs(value - target) <= tolerance, `${what}: ${value.toFixed(4)} s, expected ${target} +/- ${tolerance}`);
}

// A real run can only lose time to the machine (scheduling, the network stack, a busy
// CPU), never gain it, so the window is narrow below the model and wide above it.
function withinReal(value, target, late, what) {
  const early = 0.05;
  check(value >= target - early && value <= target + late,
        `${what}: ${value.toFixed(4)} s, expected ${target} s (at most ${early} s early, ${late} s late)`);
}

await runTest('slow-server', async ({ browser, cleanup }) => {
  let backend = await startBackend();
  cleanup(() => backend.stop());
  const url = query => `${backend.url}slow-server.html?${query}`;
  const start = await openPage(browser, backend.url);
  const lessons = (await pageState(start)).app.lessons;
  check(lessons.includes('slow-server'), `the built site has no slow-server lesson (lessons: ${lessons.join(', ') || 'none'})`);
  await start.context().close();

  // --- Each mode for real, at time scale 0.1 ---
  const expectations = {
    sync: { total: 1.7, late: 0.6, order: 'R1,R2,R3' },
    async: { total: 1.0, late: 0.4, order: 'R2,R3,R1' },
    'fake-async': { total: 1.7, late: 0.6, order: 'R1,R2,R3' },
  };
  const realTotals = {};
  for (const [mode, want] of Object.entries(expectations)) {
    const page = await openPage(browser, url(`mode=${mode}&scale=0.1&clock=real`), { width: 1600, height: 1000 });
    const run = await runAndRead(page);
    console.log(`real ${mode}: total ${run.total.toFixed(3)} s, finish order ${run.finishOrder}, ` +
                `last request sent ${(run.sentSpread * 1000).toFixed(1)} ms after the start`);
    check(run.clock === 'real', `the trace says clock '${run.clock}'`);
    withinReal(run.total, want.total, want.late, `real ${mode} total`);
    realTotals[mode] = run.total;
    check(run.finishOrder.join(',') === want.order, `real ${mode} finished ${run.finishOrder}, expected ${want.order}`);
    if (mode === 'async') check(run.sentSpread <= 0.05, `async: the last request left ${run.sentSpread.toFixed(3)} s after the start`);
    if (mode === 'fake-async') check(run.requests.every(r => r.blocking), 'fake async: the requests did not hold the loop');
    if (mode === 'sync') {
      // One after another: each request leaves only when the previous answer is in.
      const byOrder = [...run.requests].sort((a, b) => a.sent - b.sent);
      for (let i = 1; i < 3; ++i) check(byOrder[i].sent >= byOrder[i - 1].answered, 'sync: a request left before the previous answer');
    }
    await screenshot(page, `slow-server-${mode}`);
    await page.context().close();
  }

  // The lesson's point, however loaded the machine: the async run beats both others.
  for (const slower of ['sync', 'fake-async'])
    check(realTotals.async < realTotals[slower] - 0.3,
          `real async (${realTotals.async.toFixed(3)} s) was not clearly faster than ${slower} (${realTotals[slower].toFixed(3)} s)`);

  // --- The same on the virtual clock: exactly the model ---
  const page = await openPage(browser, url('scale=0.1&clock=virtual'), { width: 1600, height: 1000 });
  for (const [mode, want] of Object.entries(expectations)) {
    check((await pageAct(page, 'set_params', { mode })).ok, `could not choose mode ${mode}`);
    const run = await runAndRead(page);
    check(run.clock === 'virtual', `the trace says clock '${run.clock}'`);
    near(run.total, want.total, 1e-9, `virtual ${mode} total`);
    check(run.finishOrder.join(',') === want.order, `virtual ${mode} finished ${run.finishOrder}, expected ${want.order}`);
    if (mode === 'async') check(run.sentSpread === 0, `virtual async: requests left ${run.sentSpread} s apart`);
  }
  await screenshot(page, 'slow-server-virtual-fake-async');

  // --- Out-of-range values are refused with a reason; the value in force stays ---
  const refused = await pageAct(page, 'set_params', { r1: 75 });
  check(!refused.ok && /60/.test(refused.error), `r1=75 was not refused with a reason: ${JSON.stringify(refused)}`);
  check((await pageState(page)).lesson.params.r1 === '10', 'a refused r1 changed the value in force');

  // --- Keyboard: Space runs, R resets ---
  let state = await pageState(page);
  const runsBefore = state.lesson.run.run_number;
  await page.locator('body').press('Space');
  state = await waitForState(page, 'Space to start a run', s => s.lesson.run.run_number === runsBefore + 1);
  await page.locator('body').press('r');
  state = await waitForState(page, 'R to reset', s => s.lesson.run.status === 'idle');
  await page.context().close();

  // --- A permalink reproduces its parameters ---
  const link = 'r1=3&r2=1.5&r3=2&mode=fake-async&scale=0.5&clock=virtual';
  const linked = await openPage(browser, url(link));
  state = await pageState(linked);
  check(JSON.stringify(state.lesson.params) === JSON.stringify({ clock: 'virtual', mode: 'fake-async', r1: '3', r2: '1.5', r3: '2', scale: '0.5' }),
        `the link's parameters were not reproduced: ${JSON.stringify(state.lesson.params)}`);
  check((await pageAct(linked, 'set_params', { r2: 4, mode: 'sync' })).ok, 'set_params refused good values');
  await waitForState(linked, 'the address bar to follow', () => /r2=4/.test(linked.url()) && /mode=sync/.test(linked.url()));
  const shared = linked.url();
  const reopened = await openPage(browser, shared);
  check(JSON.stringify((await pageState(reopened)).lesson.params) === JSON.stringify((await pageState(linked)).lesson.params),
        `reopening ${shared} gave other parameters`);
  const badLink = await openPage(browser, url('r1=75&mode=turbo'));
  state = await pageState(badLink);
  check(state.lesson.url_problems.length === 2 && state.lesson.params.r1 === '10' && state.lesson.params.mode === 'async',
        `a bad link was not refused clearly: ${JSON.stringify(state.lesson)}`);
  for (const p of [linked, reopened, badLink]) await p.context().close();

  // --- The backend dies mid-run: a clear message, nothing hangs, the page keeps working ---
  const live = await openPage(browser, url('mode=async&scale=0.1&clock=real'), { width: 1600, height: 1000 });
  check((await pageAct(live, 'run')).ok, 'run refused');
  // Kill it after R2's answer, while R1 and R3 are still out.
  await waitFor('R2 to be answered', () => live.evaluate(() => {
    const t = window.looplab.trace();
    return t !== null && t.events.some(e => e[1] === 'io_answered');
  }), { timeoutMs: 5000 });
  await backend.kill();
  state = await waitForState(live, 'the run to stop', s => s.lesson.run.status !== 'running', { timeoutMs: 8000 });
  check(state.lesson.run.status === 'failed' && state.lesson.run.backend_failed,
        `the run did not report the backend as gone: ${JSON.stringify(state.lesson.run)}`);
  check(/backend/i.test(state.lesson.run.error), `unclear error: '${state.lesson.run.error}'`);
  await sleep(200);
  await screenshot(live, 'slow-server-backend-gone');
  const frames = state.app.frames;
  await waitForState(live, 'frames to keep coming', s => s.app.frames > frames + 5);
  // The offered way out: the same run on the virtual clock.
  check((await pageAct(live, 'set_params', { clock: 'virtual' })).ok, 'could not switch to the virtual clock');
  const rerun = await runAndRead(live);
  near(rerun.total, 1.0, 1e-9, 'virtual rerun after the backend died');
  const errors = live.looplabErrors.filter(e => !/Failed to load resource|ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|ERR_CONNECTION_RESET/.test(e));
  check(errors.length === 0, `the page logged errors: ${errors.join(' | ')}`);
  await live.context().close();
  backend = { stop: async () => {} };
});
