// Issue 6: the slow-query lesson in the browser against the real backend and a real
// PostgreSQL built by the test at 10 copies (55,640 / 4,110 / 19,500 rows). Both modes on
// the real clock, then the virtual clock replaying the real run's durations.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { check, openPage, pageAct, pageState, requireEnv, runTest, screenshot, startBackend } from '../../../tests/browser/lib/harness.mjs';
import { runAndWait } from '../../../tests/browser/lib/lesson.mjs';

const expectedRows = { R1: 55640, R2: 4110, R3: 19500 };

// PostgreSQL with the slow-query database, held by a helper until its stdin closes.
async function startDatabase(cleanup) {
  const helper = spawn('/usr/bin/python3', [requireEnv('LOOPLAB_PG_HELPER'), requireEnv('LOOPLAB_CITYDB'), '10'],
                       { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise(resolve => helper.on('exit', resolve));
  cleanup(async () => { helper.stdin.end(); await exited; });
  const firstLine = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: helper.stdout });
    lines.once('line', resolve);
    helper.once('exit', code => reject(new Error(`the PostgreSQL helper exited (${code}) before the database was ready`)));
  });
  const info = JSON.parse(firstLine);
  check(!info.error, `the database could not be built: ${info.error}`);
  return info;
}

async function runMode(page, mode, clock) {
  check((await pageAct(page, 'set_params', { mode, clock })).ok, `could not choose ${mode} on the ${clock} clock`);
  const state = await runAndWait(page, { what: `the ${mode} run to end`, timeoutMs: 60000,
                                        until: s => s.lesson.extra.filed_run === s.lesson.run.run_number });
  check(state.lesson.run.status === 'finished', `the ${mode} run did not finish: ${JSON.stringify(state.lesson.run)}`);
  check(state.lesson.run.clock === clock, `the run was on the ${state.lesson.run.clock} clock`);
  return state.lesson.extra;
}

await runTest('slow-query', async ({ browser, cleanup }) => {
  const db = await startDatabase(cleanup);
  const backend = await startBackend({ extraArgs: ['--db-host', db.host, '--db-port', String(db.port)] });
  cleanup(() => backend.stop());
  const page = await openPage(browser, `${backend.url}slow-query.html?clock=real`, { width: 1600, height: 1100 });

  const real = {};
  for (const mode of ['sync', 'async']) {
    const extra = await runMode(page, mode, 'real');
    real[mode] = extra;
    const rows = Object.fromEntries(extra.queries.map(q => [q.name, q.rows]));
    console.log(`real ${mode}: total ${extra.total.toFixed(3)} s, rows ${JSON.stringify(rows)}, copies ${extra.copies}, ` +
                `split ${extra.queries.map(q => `${q.name} ${q.first_row_after_s}+${q.transfer_s}`).join(', ')}`);
    for (const [name, want] of Object.entries(expectedRows)) {
      check(rows[name] === want, `real ${mode}: ${name} has ${rows[name]} rows on the page, expected ${want}`);
      const q = extra.queries.find(x => x.name === name);
      check(q.lane_label === `${name} - ${want.toLocaleString('en-US')} rows`, `lane label '${q.lane_label}'`);
      check(q.first_row_after_s >= 0 && q.transfer_s >= 0 && q.total_s > 0, `${name}: no server-side split ${JSON.stringify(q)}`);
      check(/^SELECT c\.name, s\.state FROM cities c/.test(q.sql), `${name}: the SQL shown is '${q.sql}'`);
      check(extra.console.includes(`${name}: Query made! Db replied '${want}' rows`), `real ${mode}: no console line for ${name}`);
    }
    check(extra.copies === 10, `the page shows ${extra.copies} copies`);
    check(extra.console.some(l => l.startsWith("R1: Querying 'SELECT")), 'no "R1: Querying" line');
    check(extra.console.some(l => /^Time elapsed: [0-9.]+$/.test(l)), 'no "Time elapsed" line');
    const byName = Object.fromEntries(extra.queries.map(q => [q.name, q]));
    if (mode === 'sync') {
      check(byName.R2.sent >= byName.R1.answered && byName.R3.sent >= byName.R2.answered, 'sync: a query left before the previous one was done');
    } else {
      const spread = Math.max(...extra.queries.map(q => q.sent)) - Math.min(...extra.queries.map(q => q.sent));
      check(spread < 0.05, `async: the queries left ${spread.toFixed(3)} s apart`);
    }
    await screenshot(page, `slow-query-real-${mode}`);
  }
  const verdict = real.async.verdict;
  check(Math.abs(verdict.sync_total - real.sync.total) < 1e-9 && Math.abs(verdict.async_total - real.async.total) < 1e-9,
        `the verdict does not use the measured totals: ${JSON.stringify(verdict)}`);
  check(Math.abs(verdict.ratio - real.sync.total / real.async.total) < 1e-9, 'the verdict ratio is not sync/async');
  check(verdict.sentences.some(s => s.includes('22.87 s vs 18.44 s')), 'the verdict lacks the seed figures');
  check(verdict.sentences.some(s => /inside PostgreSQL before their first row/.test(s)), 'the verdict does not show the split');
  console.log(`verdict: ${verdict.sentences.join(' | ')}`);

  // --- The virtual clock replays this page's last real run ---
  const virt = await runMode(page, 'sync', 'virtual');
  check(virt.virtual_plan.from_real_run, 'the virtual clock does not use the real run');
  const plan = virt.virtual_plan.seconds;
  check(Math.abs(virt.total - plan.reduce((a, b) => a + b, 0)) < 1e-6, `virtual sync total ${virt.total} is not the sum of ${plan}`);
  for (const [name, want] of Object.entries(expectedRows)) {
    check(virt.console.includes(`${name}: Query made! Db replied '${want}' rows`), `virtual: no console line for ${name} with ${want} rows`);
  }
  const virtAsync = await runMode(page, 'async', 'virtual');
  check(Math.abs(virtAsync.total - Math.max(...plan)) < 1e-6, `virtual async total ${virtAsync.total} is not the longest of ${plan}`);
  await screenshot(page, 'slow-query-virtual-async');

  // --- A fresh page on the virtual clock: the seed's scale ---
  const fresh = await openPage(browser, `${backend.url}slow-query.html?clock=virtual&mode=sync`);
  const seed = await runMode(fresh, 'sync', 'virtual');
  check(seed.copies === 1400 && seed.queries.map(q => q.rows).join(',') === '7789600,575400,2730000',
        `seed scale: ${seed.copies} copies, rows ${seed.queries.map(q => q.rows)}`);
  check(Math.abs(seed.total - 22.87) < 0.01, `seed-scale sync total ${seed.total}`);
  const refused = await pageAct(fresh, 'set_params', { mode: 'turbo' });
  check(!refused.ok && /mode/.test(refused.error), `a bad mode was not refused: ${JSON.stringify(refused)}`);
  const errors = page.looplabErrors.filter(e => !/Failed to load resource/.test(e));
  check(errors.length === 0, `the page logged errors: ${errors.join(' | ')}`);
});
