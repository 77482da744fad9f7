// Driving a lesson page the way every lesson's browser test does: run it with the
// parameters in force and wait for the run to end and its verdict to be in (the lesson
// frame reads the ended run once, on the next frame: state().lesson.frame.verdict.run).
import { check, pageAct, pageState, waitForState } from './harness.mjs';

// Starts a run and waits until it has ended and the frame has taken it in. `until(state)`
// may add a condition of the lesson's own. Returns the state at that moment.
export async function runAndWait(page, { timeoutMs = 15000, until = () => true, what = 'the run to end' } = {}) {
  const before = (await pageState(page)).lesson.run?.run_number ?? 0;
  const started = await pageAct(page, 'run');
  check(started.ok, `run refused: ${JSON.stringify(started)}`);
  return waitForState(page, what, s => s.lesson.run && s.lesson.run.run_number > before && s.lesson.run.status !== 'running' &&
                                       s.lesson.frame && s.lesson.frame.verdict.run === s.lesson.run.run_number && until(s),
                      { timeoutMs });
}

// Sets parameters, refusing to go on if the page refused them.
export async function setParams(page, params) {
  const r = await pageAct(page, 'set_params', params);
  check(r.ok, `set_params ${JSON.stringify(params)} refused: ${r.error}`);
}
