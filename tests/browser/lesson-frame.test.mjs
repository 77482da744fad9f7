// The lesson frame as a phone and a desktop meet it (issue 12, part 2). On a phone
// (390 x 844 CSS px, DPR 3, touch): one column, the canvas before the prose and as tall as
// its layout (the page scrolls, not a panel), controls big enough for a finger, a tap on
// Run runs, a vertical swipe that starts on Run scrolls and clicks nothing, and on the
// timeline one finger pans, two fingers zoom and a tap steps. On a desktop: two columns.
import { check, openPage, pageState, runTest, sleep, startBackend, waitFor, waitForState } from './lib/harness.mjs';
import { runAndWait } from './lib/lesson.mjs';

const phone = { width: 390, height: 844, deviceScaleFactor: 3, hasTouch: true, isMobile: true };

// Touches at canvas CSS coordinates, through the browser's own input pipeline. Each event
// carries its time as a touch screen would stamp it, 30 ms after the one before: software
// WebGL can hold the page up for longer than a tap lasts, and the page judges a tap by
// the events' own times, as it should on a phone.
async function fingers(page) {
  const cdp = await page.context().newCDPSession(page);
  let clock = 0;
  const stamp = () => (clock += 0.03);
  const at = async points => {
    const box = await page.locator('#canvas').boundingBox();
    return points.map(([x, y], id) => ({ x: box.x + x, y: box.y + y, id }));
  };
  const send = async (type, touchPoints) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints, timestamp: stamp() });
  return {
    async start(...points) { clock = Date.now() / 1000 - 0.03; await send('touchStart', await at(points)); await sleep(30); },
    async move(...points) { await send('touchMove', await at(points)); await sleep(30); },
    async end() { await send('touchEnd', []); await sleep(80); },
  };
}

// Scrolls the page so that canvas y `y` is near the top of the screen.
async function scrollCanvasTo(page, y) {
  await page.evaluate(cy => {
    const top = document.getElementById('canvas').getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, Math.max(0, top + cy - 150));
  }, y);
  await sleep(150);
}

await runTest('lesson-frame', async ({ browser, cleanup }) => {
  const backend = await startBackend();
  cleanup(() => backend.stop());

  const page = await openPage(browser, `${backend.url}slow-server.html?clock=virtual&scale=0.1`, phone);
  // The layout settles once the canvas has taken its height (no scrollbar left to wrap around).
  let last = -1;
  let s = await waitForState(page, 'the phone layout to settle', st => {
    const h = st.lesson.frame.layout.content_height;
    const settled = h > 0 && h === last && Math.abs(st.app.canvas.css_height - h) <= 2;
    last = h;
    return settled;
  }, { intervalMs: 250 });
  // Something can still change the layout after that (an answer the page waited for
  // arrives when it arrives), so the canvas is compared with the layout of the same
  // moment, until the two agree or the time is up.
  let layout;
  await waitFor('the canvas to be as tall as its layout', async () => {
    s = await pageState(page);
    layout = await page.evaluate(() => {
      const frame = document.querySelector('.workbench .canvas-frame').getBoundingClientRect();
      const prose = document.querySelector('.prose').getBoundingClientRect();
      const canvas = document.getElementById('canvas');
      return { frameTop: frame.top, frameHeight: frame.height, frameWidth: frame.width, proseTop: prose.top,
               backing: canvas.width, css: canvas.getBoundingClientRect().width, page: document.documentElement.scrollWidth };
    });
    const want = s.lesson.frame.layout.content_height;
    if (Math.abs(layout.frameHeight - want) > 2)
      throw new Error(`the canvas is ${layout.frameHeight} px tall for a ${want} px layout: a panel would scroll inside it`);
    return true;
  }, { timeoutMs: 15000, intervalMs: 250 });
  const f = s.lesson.frame.layout;
  check(f.columns === 1, `a phone gets ${f.columns} columns`);
  check(f.touch, 'a touch screen did not get the touch layout');
  const [x0, y0, x1, y1] = f.run_button;
  check(y1 - y0 >= 40 && x1 - x0 >= 100, `the Run button is ${x1 - x0} x ${y1 - y0} CSS px: too small for a finger`);
  check(layout.frameTop < layout.proseTop, 'on a phone the canvas does not come before the prose');
  check(layout.frameTop < 400, `the interactive part starts ${layout.frameTop} px down the page`);
  check(layout.page <= 390, `the page is ${layout.page} px wide on a 390 px screen`);
  // Crisp: the backing store follows the device pixel ratio, which gives way only where the
  // tall phone canvas would pass the GPU's size limit.
  const ratio = s.app.canvas.pixel_ratio;
  check(ratio >= 2 && ratio <= 3 && Math.abs(layout.backing - layout.css * ratio) <= 3,
        `backing store ${layout.backing} px for ${layout.css} CSS px at ratio ${ratio} (DPR 3)`);

  // A tap on Run runs; a vertical swipe that starts on it does not.
  const touch = await fingers(page);
  await scrollCanvasTo(page, y0);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  await touch.start([cx, cy]);
  await touch.move([cx + 2, cy + 30]);
  await touch.move([cx + 3, cy + 90]);
  await touch.end();
  await sleep(200);
  s = await pageState(page);
  check(!s.lesson.run || s.lesson.run.run_number === 0, `a swipe that started on Run ran the lesson: ${JSON.stringify(s.lesson.run)}`);
  await scrollCanvasTo(page, y0);
  await touch.start([cx, cy]);
  await touch.end();
  s = await waitForState(page, 'the tap on Run to run', st => st.lesson.run && st.lesson.run.run_number === 1 &&
                                                            st.lesson.frame.verdict.run === 1, { timeoutMs: 10000 })
    .catch(async err => { const st = await pageState(page); throw new Error(`${err.message}; touch: ${JSON.stringify(st.app.touch)}; run button now ${JSON.stringify(st.lesson.frame.layout)}, was ${JSON.stringify(f.run_button)}; run ${JSON.stringify(st.lesson.run)}`); });
  check(s.lesson.run.status === 'finished', `the tapped run: ${JSON.stringify(s.lesson.run)}`);

  // The timeline: a tap steps, one finger pans, two fingers zoom.
  s = await waitForState(page, 'the timeline to be drawn', st => st.lesson.frame.timeline.area.bottom > st.lesson.frame.timeline.area.lanes_top);
  const area = s.lesson.frame.timeline.area;
  await scrollCanvasTo(page, area.ruler_top);
  const midY = (area.lanes_top + area.bottom) / 2, midX = (area.left + area.right) / 2;
  await page.evaluate(() => window.looplab.act('playhead', { to: 'start' }));
  await touch.start([midX, midY]);
  await touch.end();
  // The page handles the tap on its next frame, which a loaded machine can delay: wait
  // for it (bounded) instead of reading the state at once.
  s = await waitForState(page, 'the tap on the timeline to step', st => st.lesson.frame.playhead.event === 1,
                         { timeoutMs: 5000 }).catch(() => pageState(page));
  check(s.lesson.frame.playhead.event === 1, `a tap on the timeline left the playhead at event ${s.lesson.frame.playhead.event} (touch: ${JSON.stringify(s.app.touch)}, area ${JSON.stringify(area)})`);

  const before = s.lesson.frame.timeline;
  await touch.start([midX, midY]);
  for (let dx = 15; dx <= 90; dx += 15) await touch.move([midX - dx, midY]);
  await touch.end();
  s = await pageState(page);
  const panned = s.lesson.frame.timeline;
  check(panned.begin > before.begin + 1e-6 && Math.abs((panned.end - panned.begin) - (before.end - before.begin)) < 1e-6,
        `a sideways drag did not pan: ${JSON.stringify(before)} -> ${JSON.stringify(panned)}`);

  await touch.start([midX - 40, midY], [midX + 40, midY]);
  for (let d = 50; d <= 120; d += 10) await touch.move([midX - d, midY], [midX + d, midY]);
  await touch.end();
  s = await pageState(page);
  const zoomed = s.lesson.frame.timeline;
  check(zoomed.end - zoomed.begin < (panned.end - panned.begin) * 0.6,
        `pinching out did not zoom in: span ${panned.end - panned.begin} -> ${zoomed.end - zoomed.begin}`);
  console.log(`phone: run button ${x1 - x0}x${y1 - y0} px, canvas ${layout.frameHeight} px tall, ` +
              `pan ${before.begin.toFixed(3)} -> ${panned.begin.toFixed(3)} s, zoom x${((panned.end - panned.begin) / (zoomed.end - zoomed.begin)).toFixed(2)}`);
  const errors = page.looplabErrors.filter(e => !/Failed to load resource/.test(e));
  check(errors.length === 0, `the page logged errors: ${errors.join(' | ')}`);
  await page.context().close();

  // A desktop: the canvas keeps its size and the layout has two columns.
  const desk = await openPage(browser, `${backend.url}slow-server.html?clock=virtual`, { width: 1600, height: 1000 });
  s = await runAndWait(desk);
  check(s.lesson.frame.layout.columns === 2, `1600 px wide: ${s.lesson.frame.layout.columns} columns`);
  check(!s.lesson.frame.layout.touch, 'a mouse desktop got the touch layout');
  await desk.context().close();
});
