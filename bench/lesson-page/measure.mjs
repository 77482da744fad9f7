// The lesson-page benchmark (see ./run). Sizes come from the built site; times from
// Debian's Chromium (SwiftShader WebGL2, so GPU work is CPU work here too) against the
// real backend. Frame times are measured inside the page: the CPU time of one frame of
// the app (events, the lesson's UI, ImGui's draw lists, the WebGL calls), over 120 frames.
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
    const page = await openPage(browser, backend.url + target, { width: 1600, height: 1000 });
    const loaded = await pageAct(page, 'bench_load_gather_trace', { tasks: 4000 });
    if (!loaded.ok) {
      console.log(`frame time with 4,000 tasks: not measured (${loaded.error})`);
    } else {
      const results = {};
      for (const zoom of ['out', 'in']) {
        const z = await pageAct(page, 'bench_zoom', { zoom });
        if (!z.ok) throw new Error(`bench_zoom ${zoom}: ${z.error}`);
        await sleep(300);
        await pageAct(page, 'reset_frame_timing');
        const s = await waitForState(page, '120 timed frames', st => st.app.frame_ms && st.app.frame_ms.frames >= 120, { timeoutMs: 60000 });
        results[zoom] = s.app.frame_ms;
        console.log(`frame CPU time, 4,000-task trace, zoomed ${zoom}: mean ${s.app.frame_ms.mean.toFixed(2)} ms, ` +
                    `median ${s.app.frame_ms.median.toFixed(2)}, p95 ${s.app.frame_ms.p95.toFixed(2)}, max ${s.app.frame_ms.max.toFixed(2)}`);
      }
      frame4000 = Math.max(results.out.mean, results.in.mean);
    }
    await page.context().close();
  }
} finally {
  await browser.close();
  await backend.stop();
}
const fmt = v => (Number.isFinite(v) ? (v >= 10 ? v.toFixed(0) : v.toFixed(2)) : 'NA');
console.log(`lesson-page: wasm_gz_kb=${Math.round(wasm.gz / 1024)} first_frame_ms=${fmt(firstFrame)} frame_ms_4000=${fmt(frame4000)}`);
