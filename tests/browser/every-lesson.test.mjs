// Every lesson, walked through every parameter it declares, without knowing any lesson:
// what to try comes from window.looplab.state().lesson.parameters. For each lesson:
//  - each choice (mode) runs on the virtual clock to a finished run (or one that raised
//    as its verdict says Python would) with a verdict, a console and a trace that
//    downloads in both formats;
//  - each number takes its smallest and largest value and refuses one past each end, and
//    a word, with a sentence naming the range; the value in force stays;
//  - the real clock (where declared) ends, finished or failed with a sentence, and the
//    page goes on working;
//  - the permalink carries every parameter, and the stepping keys move the playhead.
import { readFileSync } from 'node:fs';
import { check, openPage, pageAct, pageState, runTest, startBackend, waitForState } from './lib/harness.mjs';
import { runAndWait, setParams } from './lib/lesson.mjs';

async function downloadBoth(page, id) {
  for (const format of ['chrome', 'looplab']) {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10000 }),
      page.evaluate(f => window.looplab.downloadTrace(f), format),
    ]);
    const name = download.suggestedFilename();
    check(name.startsWith(`${id}-run`) && name.endsWith(format === 'chrome' ? '.perfetto.json' : '.looplab.json'),
          `${id}: the ${format} trace is named '${name}'`);
    const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
    if (format === 'chrome') check(Array.isArray(doc.traceEvents) && doc.traceEvents.length > 0, `${id}: empty Chrome trace`);
    else check(doc.format === 'looplab-trace' && doc.events.length > 0, `${id}: not a LoopLab trace`);
  }
}

async function walkLesson(browser, url, id) {
  const page = await openPage(browser, `${url}${id}.html?clock=virtual`, { width: 1280, height: 800 });
  const opened = (await pageState(page)).lesson;
  // ?clock=virtual is taken by every lesson: one without real I/O runs on no other clock.
  check(opened.url_problems.length === 0, `${id}: the link was refused: ${opened.url_problems.join(' | ')}`);
  const params = opened.parameters;
  check(Array.isArray(params) && params.length > 0, `${id}: state().lesson.parameters is ${JSON.stringify(params)}`);
  const numbers = params.filter(p => p.kind === 'number');
  const choices = params.filter(p => p.kind === 'choice');
  const clock = params.find(p => p.kind === 'clock');
  for (const p of params) {
    const walkable = p.kind === 'number' ? p.min < p.max
                   : p.kind === 'text' ? typeof p.value === 'string' && p.value === p.default
                   : p.choices.length >= 1 && p.choices.includes(p.value);
    check(walkable,
          `${id}: parameter ${JSON.stringify(p)} is not walkable`);
  }

  // Every choice of every choice parameter, on the virtual clock.
  let runs = 0;
  for (const p of choices) {
    for (const value of p.choices) {
      await setParams(page, { [p.name]: value });
      const s = await runAndWait(page, { what: `${id} ${p.name}=${value} to run` });
      // A run may end by raising where raising is the lesson's point (await time.sleep's
      // TypeError): then it says why, and the verdict agrees that is what Python does.
      const raisedOnPurpose = s.lesson.run.status === 'failed' && s.lesson.run.error.length > 10 && s.lesson.frame.verdict.matches_model;
      check(s.lesson.run.status === 'finished' || raisedOnPurpose, `${id} ${p.name}=${value}: ${JSON.stringify(s.lesson.run)}`);
      check(s.lesson.run.clock === 'virtual', `${id}: ran on the ${s.lesson.run.clock} clock`);
      const f = s.lesson.frame;
      check(f.verdict.meaning.length > 0 || f.verdict.rows.length > 0, `${id} ${p.name}=${value}: no verdict`);
      check(f.console.length > 0, `${id} ${p.name}=${value}: nothing printed`);
      check(f.lanes >= 2, `${id} ${p.name}=${value}: ${f.lanes} lanes`);
      ++runs;
    }
    await setParams(page, { [p.name]: p.default });
  }
  if (runs === 0) {
    const s = await runAndWait(page);
    check(s.lesson.run.status === 'finished', `${id}: ${JSON.stringify(s.lesson.run)}`);
  }
  await downloadBoth(page, id);

  // Stepping keys: Home to the first event, Right one on, End to the last.
  await page.locator('#canvas').focus();
  await page.keyboard.press('Home');
  let s = await pageState(page);
  check(s.lesson.frame.playhead.event === 0, `${id}: Home left the playhead at event ${s.lesson.frame.playhead.event}`);
  await page.keyboard.press('ArrowRight');
  s = await pageState(page);
  check(s.lesson.frame.playhead.event === 1, `${id}: Right moved to event ${s.lesson.frame.playhead.event}`);
  await page.keyboard.press('End');
  s = await pageState(page);
  check(s.lesson.frame.playhead.event === s.lesson.frame.playhead.events - 1, `${id}: End is not the last event`);
  await page.keyboard.press('ArrowLeft');
  s = await pageState(page);
  check(s.lesson.frame.playhead.event === s.lesson.frame.playhead.events - 2, `${id}: Left did not step back`);

  // Numbers: both ends accepted, past them refused with the range, the value in force kept.
  for (const p of numbers) {
    for (const good of [p.min, p.max, p.default]) {
      const r = await pageAct(page, 'set_params', { [p.name]: good });
      check(r.ok, `${id}: ${p.name}=${good} refused: ${r.error}`);
    }
    const span = p.max - p.min;
    for (const bad of [p.min - span, p.max + span, 'lots']) {
      const r = await pageAct(page, 'set_params', { [p.name]: bad });
      check(!r.ok && r.error.includes(p.label), `${id}: ${p.name}=${bad} was not refused with a reason: ${JSON.stringify(r)}`);
      const now = (await pageState(page)).lesson.params[p.name];
      check(Number(now) === Number(p.default), `${id}: a refused ${p.name} changed the value in force to ${now}`);
    }
  }
  for (const p of choices) {
    const r = await pageAct(page, 'set_params', { [p.name]: 'no-such-choice' });
    check(!r.ok && r.error.includes(p.choices[0]), `${id}: a bad ${p.name} was not refused with the choices: ${JSON.stringify(r)}`);
  }
  const unknown = await pageAct(page, 'set_params', { 'no-such-parameter': 1 });
  check(!unknown.ok && unknown.error.includes(params[0].name), `${id}: an unknown parameter: ${JSON.stringify(unknown)}`);

  // The permalink carries every parameter.
  const query = new URL(page.url()).searchParams;
  for (const p of params) check(query.has(p.name), `${id}: the address bar lacks ${p.name}: ${page.url()}`);

  // The real clock, where there is one, with every number at its smallest (the shortest run):
  // it ends, one way or the other, with a sentence if it failed, and the page keeps working.
  if (clock) {
    const smallest = Object.fromEntries(numbers.map(p => [p.name, p.min]));
    await setParams(page, { ...smallest, clock: 'real' });
    s = await runAndWait(page, { what: `${id} on the real clock to end`, timeoutMs: 60000 });
    check(s.lesson.run.clock === 'real', `${id}: the real run was on the ${s.lesson.run.clock} clock`);
    check(s.lesson.run.status === 'finished' || s.lesson.run.error.length > 10,
          `${id}: the real run failed without a sentence: ${JSON.stringify(s.lesson.run)}`);
    console.log(`  ${id} on the real clock: ${s.lesson.run.status}${s.lesson.run.error ? ` (${s.lesson.run.error})` : ''}`);
    const frames = s.app.frames;
    await setParams(page, { clock: 'virtual' });
    s = await runAndWait(page);
    check(s.lesson.run.status === 'finished', `${id}: the virtual run after the real one: ${JSON.stringify(s.lesson.run)}`);
    await waitForState(page, `${id} to keep drawing`, st => st.app.frames > frames + 3);
  }
  const errors = page.looplabErrors.filter(e => !/Failed to load resource/.test(e));
  check(errors.length === 0, `${id}: the page logged errors: ${errors.join(' | ')}`);
  console.log(`  ${id}: ${params.length} parameters, ${runs} modes run, downloads, keys, refusals: ok`);
  await page.context().close();
}

await runTest('every-lesson', async ({ browser, cleanup }) => {
  const backend = await startBackend();
  cleanup(() => backend.stop());
  const start = await openPage(browser, backend.url);
  const lessons = (await pageState(start)).app.lessons;
  await start.context().close();
  check(lessons.length >= 2, `the site lists ${lessons.length} lessons`);
  for (const id of lessons) await walkLesson(browser, backend.url, id);
});
