// Screenshots of every page as a learner sees it, to look at before calling a page done:
// the start page and each lesson, before a run and after one, at two desktop sizes and on
// a phone. Not a test: a tool (the pictures need a person's eyes).
//
//   tests/browser/screenshots.sh [out-dir] [lesson...]     (default: artifacts/screenshots)
//
// (it sets LOOPLAB_BACKEND and LOOPLAB_SITE from build/.) Lessons run on the virtual clock, so
// no database or server delay is needed. Phone shots go down the page a screen at a time;
// desktop shots are of the window, as it first appears.
//
// LOOPLAB_SHOT_PARAMS='part=requests&n=100&clock=real' opens each lesson with those URL
// parameters (the ones the lesson frame reads; clock=virtual unless it names a clock) and
// names the pictures <lesson>-params-...; LOOPLAB_SHOT_RUN_TIMEOUT_S (default 15) bounds a run.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openPage, pageState, startBackend, launchBrowser, sleep } from './lib/harness.mjs';
import { runAndWait } from './lib/lesson.mjs';

const allSizes = [
  { name: 'desktop-1600x1000', width: 1600, height: 1000, deviceScaleFactor: 1 },
  { name: 'desktop-1440x900', width: 1440, height: 900, deviceScaleFactor: 1 },
  { name: 'desktop-1280x720', width: 1280, height: 720, deviceScaleFactor: 1 },
  { name: 'desktop-1280x800', width: 1280, height: 800, deviceScaleFactor: 1 },
  { name: 'phone-390x844', width: 390, height: 844, deviceScaleFactor: 3, hasTouch: true, isMobile: true, screens: 6 },
];
// LOOPLAB_SHOT_SIZES=phone-390x844,desktop-1440x900 takes only those (default: all).
const wanted = (process.env.LOOPLAB_SHOT_SIZES || '').split(',').filter(Boolean);
const sizes = allSizes.filter(s => wanted.length === 0 || wanted.includes(s.name));
if (sizes.length === 0) throw new Error(`LOOPLAB_SHOT_SIZES names no size (there are ${allSizes.map(s => s.name).join(', ')})`);

const out = path.resolve(process.argv[2] || path.join(path.dirname(new URL(import.meta.url).pathname), '../../artifacts/screenshots'));
const only = process.argv.slice(3);
const params = new URLSearchParams(process.env.LOOPLAB_SHOT_PARAMS || '');
const tag = params.size > 0 ? '-params' : '';
if (!params.has('clock')) params.set('clock', 'virtual');
const runTimeoutMs = 1000 * Number(process.env.LOOPLAB_SHOT_RUN_TIMEOUT_S || 15);
if (!(runTimeoutMs > 0)) throw new Error('LOOPLAB_SHOT_RUN_TIMEOUT_S must be a number of seconds above 0');
mkdirSync(out, { recursive: true });

const backend = await startBackend();
const browser = await launchBrowser();
try {
  const start = await openPage(browser, backend.url);
  const lessons = (await pageState(start)).app.lessons.filter(id => only.length === 0 || only.includes(id));
  await start.context().close();
  for (const size of sizes) {
    // A phone page is taller than its screen: one picture per screenful, scrolling down
    // (a full-page capture does not show a WebGL canvas taller than the window).
    const shoot = async (page, name) => {
      await sleep(400);  // a few frames after the last change
      const screens = size.screens || 1;
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let i = 0; i < screens && i * size.height < height; ++i) {
        await page.evaluate(y => window.scrollTo(0, y), i * (size.height - 60));
        await sleep(300);
        const file = path.join(out, `${name}-${size.name}${screens > 1 ? `-${i + 1}` : ''}.png`);
        await page.screenshot({ path: file });
        console.log(file);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
    };
    const index = await openPage(browser, backend.url, size);
    await shoot(index, 'start');
    await index.context().close();
    for (const id of lessons) {
      const page = await openPage(browser, `${backend.url}${id}.html?${params}`, size);
      const refused = (await pageState(page)).lesson.url_problems;
      if (refused.length > 0) throw new Error(`${id} refused LOOPLAB_SHOT_PARAMS: ${refused.join('; ')}`);
      await shoot(page, `${id}${tag}-before-run`);
      await runAndWait(page, { timeoutMs: runTimeoutMs });
      await shoot(page, `${id}${tag}-after-run`);
      await page.context().close();
    }
  }
} finally {
  await browser.close();
  await backend.stop();
}
