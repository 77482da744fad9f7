// The generators page through window.looplab, against the real backend and the built site
// (seeds 003 and 002): the seed's four values sent into the running sum come back as
// c = 10, 15, 35, 36.5 with yields 1, 2, 3, 4; a send straight after creation is Python's
// TypeError; list() after one next() gives [1, 2]; the seed's round robin skips b in round 2
// and the fix skips nobody; and the list and the generator are measured in the page.
import { check, openPage, runTest, startBackend } from '../../../tests/browser/lib/harness.mjs';
import { runAndWait, setParams } from '../../../tests/browser/lib/lesson.mjs';

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

await runTest('generators', async ({ browser, cleanup }) => {
  const backend = await startBackend();
  cleanup(() => backend.stop());
  const page = await openPage(browser, `${backend.url}generators.html`);

  // The running sum, fed the seed's values as a learner types them.
  await setParams(page, { part: 'send', start: 'next', sends: '10, 5, 20, 1.5' });
  let { lesson } = await runAndWait(page);
  check(lesson.run.status === 'finished', `send: the run ${lesson.run.status}: ${lesson.run.error}`);
  check(same(lesson.extra.sums, ['10', '15', '35', '36.5']), `send: c went ${JSON.stringify(lesson.extra.sums)}`);
  check(same(lesson.extra.sent, ['10', '5', '20', '1.5']), `send: sent ${JSON.stringify(lesson.extra.sent)}`);
  check(same(lesson.extra.yielded, ['0', '1', '2', '3', '4']), `send: yielded ${JSON.stringify(lesson.extra.yielded)}`);
  const consoleText = lesson.frame.console.map(l => l.text);
  check(same(consoleText, ['0', 'c = 10', '1', 'c = 15', '2', 'c = 35', '3', 'c = 36.5', '4']), `send: console ${JSON.stringify(consoleText)}`);
  check(lesson.frame.verdict.matches_model, `send: the verdict disagrees: ${lesson.frame.verdict.meaning}`);

  // Bad input gets a sentence, and the values in force stay as they were.
  const bad = await page.evaluate(() => window.looplab.act('set_params', { sends: '10, ten' }));
  check(!bad.ok && /'ten' is not a number/.test(bad.error), `a bad value was not refused: ${JSON.stringify(bad)}`);

  // Sending before starting: Python's exact words.
  await setParams(page, { start: 'send' });
  ({ lesson } = await runAndWait(page));
  check(lesson.extra.refused === "TypeError: can't send non-None value to a just-started generator", `early send: ${lesson.extra.refused}`);
  check(lesson.frame.verdict.matches_model, `early send: the verdict disagrees: ${lesson.frame.verdict.meaning}`);

  // Seed 003: one next(), then list().
  await setParams(page, { part: 'next', drain: 'list', count: 3 });
  ({ lesson } = await runAndWait(page));
  check(lesson.extra.list_result === '[1, 2]', `list after next: ${lesson.extra.list_result}`);
  check(lesson.frame.console.filter(l => l.text.startsWith('inside counting')).length === 3, 'the three inside lines');

  // Seed 002's round robin, then the fix.
  await setParams(page, { part: 'round-robin', lengths: '1, 3, 2', loop: 'seed' });
  ({ lesson } = await runAndWait(page));
  check(same(lesson.extra.skipped, ['round 2: b']), `seed loop skipped ${JSON.stringify(lesson.extra.skipped)}`);
  await setParams(page, { loop: 'fixed' });
  ({ lesson } = await runAndWait(page));
  check(lesson.extra.skipped.length === 0 && lesson.extra.rounds === 4, `the fix: ${JSON.stringify(lesson.extra)}`);

  // The list against the generator, measured in the page's WebAssembly.
  await setParams(page, { part: 'evens', end: 10000000 });
  ({ lesson } = await runAndWait(page, { timeoutMs: 30000 }));
  const { list, generator } = lesson.extra;
  check(list && generator, `evens: ${JSON.stringify(lesson.extra)}`);
  check(list.first === 0 && generator.first === 0, 'both start at 0');
  check(list.bytes >= 40000000 && generator.bytes < 4096, `memory: list ${list.bytes}, generator ${generator.bytes}`);
  check(list.seconds > generator.seconds, `time to first value: list ${list.seconds}, generator ${generator.seconds}`);
  console.log(`measured in the page, range(0, 10,000,000): list ${(list.seconds * 1000).toFixed(1)} ms and ${list.bytes} bytes; ` +
              `generator ${(generator.seconds * 1000).toFixed(3)} ms and ${generator.bytes} bytes`);
  const beyond = await page.evaluate(() => window.looplab.act('set_params', { end: 10000001 }));
  check(!beyond.ok && beyond.error.length > 10, `a range beyond ten million was not refused: ${JSON.stringify(beyond)}`);
});
