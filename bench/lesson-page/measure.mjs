// The lesson-page benchmark (see ./run). Sizes come from the built site; times from
// Debian's Chromium (SwiftShader WebGL2, so GPU work is CPU work here too) against the
// real backend. Frame times are measured inside the page: the timeline's own benchmark
// through the page's test hook, and the CPU time of the app's whole frame over 120 frames.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, openPage, pageAct, requireEnv, sleep, startBackend, waitForState } from '../../tests/browser/lib/harness.mjs';

const site = requireEnv('LOOPLAB_SITE');
const lessonId = process.env.LOOPLAB_BENCH_LESSON || 'slow-server';
const navigations = Number(process.env.LOOPLAB_BENCH_NAVIGATIONS || 5);

function sizes(file) {
  const full = path.join(site, file);
  const raw = statSync(full).size;
  let gz;
  try { gz = statSync(full + '.gz').size; } catch { gz = gzipSync(readFileSync(full), { level: 9 }).length; }
  return { raw, gz };
}
const kb = bytes => (bytes / 1024).toFixed(1);
const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const wasm = sizes('looplab.wasm');
const js = sizes('looplab.js');
console.log(`looplab.wasm  ${kb(wasm.raw)} KB raw, ${kb(wasm.gz)} KB gzip`);
console.log(`looplab.js    ${kb(js.raw)} KB raw, ${kb(js.gz)} KB gzip`);
console.log(`total         ${kb(wasm.raw + js.raw)} KB raw, ${kb(wasm.gz + js.gz)} KB gzip (one module serves every lesson)`);

const backend = await startBackend();
const browser = await launchBrowser();
let firstFrame = NaN;
let frame4000 = NaN;
try {
  const page0 = await openPage(browser, backend.url);
  const lessons = (await page0.evaluate(() => window.looplab.state().app.lessons));
  await page0.context().close();
  const target = lessons.includes(lessonId) ? `${lessonId}.html` : '';
  if (!target) console.log(`(no lesson '${lessonId}' in this build: timing the start page)`);

  // Each navigation in a fresh context: nothing cached, as for a first visit.
  const times = [];
  for (let i = 0; i < navigations; ++i) {
    const page = await openPage(browser, backend.url + target);
    times.push(await page.evaluate(() => window.looplab.firstFrameMs));
    await page.context().close();
  }
  firstFrame = median(times);
  console.log(`navigation to first frame (${target || 'index.html'}, cold cache, ${navigations} runs): ` +
              `median ${firstFrame.toFixed(0)} ms, min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}`);

  if (target) {
    // The timeline widget's own benchmark (src/ui/timeline_bench.h): a gather of 4,000 sleeps
    // run on the virtual clock, then the timeline drawn zoomed out and in, in an ImGui context
    // of its own, CPU time per frame.
    const page = await openPage(browser, backend.url + target, { width: 1600, height: 1000 });
    const r = await pageAct(page, 'bench_timeline', { tasks: 4000, frames: 60 });
    if (!r.ok) {
      console.log(`frame time with 4,000 tasks: not measured (${r.error})`);
    } else {
      console.log(`4,000-task gather: ${r.trace_events} trace events, run on the virtual clock in ${r.run_ms.toFixed(1)} ms, ` +
                  `view model built in ${r.convert_ms.toFixed(1)} ms`);
      console.log(`timeline frame CPU time, 4,000 tasks (${r.frames} frames each): zoomed out ${r.frame_ms_zoomed_out.toFixed(2)} ms, ` +
                  `zoomed in ${r.frame_ms_zoomed_in.toFixed(2)} ms, slowest frame ${r.frame_ms_worst.toFixed(2)} ms`);
      frame4000 = Math.max(r.frame_ms_zoomed_out, r.frame_ms_zoomed_in);
    }
    // The whole page's frame (events, every panel, ImGui, WebGL submission) after a virtual run.
    await pageAct(page, 'set_params', { clock: 'virtual' });
    await pageAct(page, 'run');
    await sleep(500);
    await pageAct(page, 'reset_frame_timing');
    const s = await waitForState(page, '120 timed frames', st => st.app.frame_ms && st.app.frame_ms.frames >= 120, { timeoutMs: 60000 });
    console.log(`whole lesson page frame CPU time (1600x1000, after a run): mean ${s.app.frame_ms.mean.toFixed(2)} ms, ` +
                `median ${s.app.frame_ms.median.toFixed(2)}, p95 ${s.app.frame_ms.p95.toFixed(2)}`);
    await page.context().close();
  }
} finally {
  await browser.close();
  await backend.stop();
}
const fmt = v => (Number.isFinite(v) ? (v >= 10 ? v.toFixed(0) : v.toFixed(2)) : 'NA');
console.log(`lesson-page: wasm_gz_kb=${Math.round(wasm.gz / 1024)} first_frame_ms=${fmt(firstFrame)} frame_ms_4000=${fmt(frame4000)}`);
