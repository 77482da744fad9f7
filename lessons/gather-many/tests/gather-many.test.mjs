// The gather-many page through window.looplab (seed 003). Virtual clock: 5 gathered 3 s
// sleeps in 3 s, 5 requests in turn in 5 s, 3 gathered in 1 s, 100 gathered over 6
// modelled connections in 17 s with the verdict reading the 6 off the trace and the timeline
// drawing the other 94 queued in the client. Real clock, against the real backend: 12
// gathered 0.3 s requests take two rounds, the timeline draws the second round's wait for
// a connection as queued, and the verdict names this browser's connection limit, measured
// with Resource Timing.
import { check, openPage, runTest, startBackend } from '../../../tests/browser/lib/harness.mjs';
import { runAndWait, setParams } from '../../../tests/browser/lib/lesson.mjs';

const virtualCases = [
  { p: { part: 'sleeps', mode: 'gather', n: 5, sleep: 3 }, total: 3 },
  { p: { part: 'sleeps', mode: 'sequential', n: 5, sleep: 1 }, total: 5 },
  { p: { part: 'requests', mode: 'sequential', n: 5, delay: 1 }, total: 5, peak: 1 },
  { p: { part: 'requests', mode: 'gather', n: 3, delay: 1 }, total: 1, peak: 3 },
  { p: { part: 'requests', mode: 'gather', n: 100, delay: 1, connections: 6 }, total: 17, peak: 6, limit: 6, queued: 94 },
  { p: { part: 'requests', mode: 'gather', n: 100, delay: 1, semaphore: 4 }, total: 25, peak: 4, limit: 0, queued: 0 },
];

await runTest('gather-many', async ({ browser, cleanup }) => {
  const backend = await startBackend();
  cleanup(() => backend.stop());
  const page = await openPage(browser, `${backend.url}gather-many.html?clock=virtual`);
  for (const c of virtualCases) {
    const what = JSON.stringify(c.p);
    await setParams(page, { semaphore: 0, connections: 6, ...c.p });
    const { frame, extra, run } = (await runAndWait(page, { timeoutMs: 30000 })).lesson;
    check(run.status === 'finished', `${what}: the run ${run.status}: ${run.error}`);
    check(Math.abs(frame.verdict.rows[0].seconds - c.total) < 1e-6, `${what}: measured ${frame.verdict.rows[0].seconds} s, expected ${c.total}`);
    check(frame.verdict.matches_model, `${what}: the verdict disagrees with the model: ${frame.verdict.meaning}`);
    if (c.peak !== undefined) check(extra.peak_in_flight === c.peak, `${what}: ${extra.peak_in_flight} in flight at most`);
    if (c.limit !== undefined) check(extra.connection_limit_seen === c.limit, `${what}: limit seen ${extra.connection_limit_seen}`);
    if (c.limit) check(frame.verdict.notes.some(n => n.includes(`allowed ${c.limit} connections`)), `${what}: notes ${JSON.stringify(frame.verdict.notes)}`);
    // The timeline's lanes: a stretch queued in the client for each request that waited.
    if (c.queued !== undefined) {
      const queued = frame.lane_states.queued?.intervals ?? 0;
      check(queued === c.queued, `${what}: the timeline draws ${queued} queued stretches, expected ${c.queued}`);
    }
  }
  // The real clock: real requests from this browser to the backend, each one's wait and
  // time on the wire from the browser's Resource Timing. Two rounds: at least twice 0.3 s.
  await setParams(page, { part: 'requests', mode: 'gather', n: 12, delay: 0.3, semaphore: 0, clock: 'real' });
  const real = (await runAndWait(page, { timeoutMs: 30000 })).lesson;
  const total = real.frame.verdict.rows[0].seconds;
  console.log(`real: 12 x 0.3 s gathered in ${total.toFixed(3)} s, ${real.extra.peak_in_flight} in flight at most, ` +
              `limit seen ${real.extra.connection_limit_seen}, ${real.extra.queued_in_client} queued (longest ${real.extra.longest_queue.toFixed(3)} s)`);
  check(real.run.status === 'finished' && real.run.clock === 'real', `real: ${real.run.status} on the ${real.run.clock} clock: ${real.run.error}`);
  check(total >= 0.55 && total <= 2.5, `real: 12 gathered 0.3 s requests took ${total} s, expected two rounds (about 0.6 s)`);
  check(real.extra.requests.length === 12 && real.extra.requests.every(r => r.browser_measured),
        `real: not every request has the browser's timing: ${JSON.stringify(real.extra.requests)}`);
  const limit = real.extra.connection_limit_seen;
  check(limit >= 5 && limit <= 7, `real: the run shows a limit of ${limit} connections, expected about 6`);
  check(real.frame.verdict.notes.some(n => n.includes(`allowed ${limit} connections`) && n.includes("read off this run's timings")),
        `real: the verdict does not name the limit as measured: ${JSON.stringify(real.frame.verdict.notes)}`);
  check(real.frame.verdict.rows[1].note.includes(`${limit} connections, as measured`),
        `real: the model does not take the measured limit: ${real.frame.verdict.rows[1].note}`);
  const waited = real.extra.requests.filter(r => r.queued > 0.2).length;
  // A socket may free a little early or late (other traffic of the page, timing jitter): give or take one.
  check(Math.abs(waited - (12 - limit)) <= 1, `real: ${waited} requests waited for a connection, expected about ${12 - limit}`);
  check(real.frame.verdict.matches_model, `real: the verdict disagrees with its model: ${real.frame.verdict.meaning}`);
  // The verdict's limit against the timings themselves: halfway through the first round,
  // the requests on the wire are the connections the browser allowed (give or take one).
  const firstSent = Math.min(...real.extra.requests.map(r => r.sent));
  const midRound = firstSent + 0.15;
  const onWire = real.extra.requests.filter(r => r.on_wire_from < midRound && r.on_wire_to > midRound).length;
  check(Math.abs(onWire - limit) <= 1, `real: ${onWire} requests on the wire at ${midRound.toFixed(3)} s, the verdict says ${limit} connections`);
  // The timeline draws each request's wait in the browser as queued: the second round's
  // waits at least, for as long as Resource Timing says they waited.
  const lanesQueued = real.frame.lane_states.queued;
  console.log(`real: the timeline draws ${lanesQueued?.intervals ?? 0} queued stretches, ${(lanesQueued?.seconds ?? 0).toFixed(3)} s in all; ` +
              `${onWire} on the wire mid first round`);
  check(lanesQueued && lanesQueued.intervals >= waited, `real: the timeline draws ${lanesQueued?.intervals ?? 0} queued stretches, ${waited} requests waited`);
  const measuredQueue = real.extra.requests.reduce((sum, r) => sum + r.queued, 0);
  check(Math.abs(lanesQueued.seconds - measuredQueue) < 0.01,
        `real: the timeline's queued stretches last ${lanesQueued.seconds} s, Resource Timing says ${measuredQueue} s`);
  check(lanesQueued.seconds >= waited * 0.2, `real: ${waited} requests waited only ${lanesQueued.seconds} s in all`);

  const refused = await page.evaluate(() => window.looplab.act('set_params', { n: 1001 }));
  check(!refused.ok, `1001 tasks were not refused: ${JSON.stringify(refused)}`);
});
