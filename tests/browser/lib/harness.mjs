// Shared pieces of LoopLab's browser tests: the real backend on a free port,
// Debian's Chromium through playwright-core, and the page's window.looplab hook.
//
// Environment (set by tests/browser/CMakeLists.txt):
//   LOOPLAB_BACKEND    path of looplab-backend
//   LOOPLAB_SITE       the built site folder it serves
//   LOOPLAB_ARTIFACTS  where screenshots go
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run this test through ctest)`);
  return value;
}

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// Polls `probe` until it returns a truthy value; its last error or value is in the message.
export async function waitFor(what, probe, { timeoutMs = 10000, intervalMs = 50 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(intervalMs);
  }
}

// Starts the real backend on a free port (--port 0, read back from --port-file).
export async function startBackend({ binary = requireEnv('LOOPLAB_BACKEND'), site = requireEnv('LOOPLAB_SITE'), extraArgs = [] } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'looplab-backend-'));
  const portFile = path.join(dir, 'port');
  const child = spawn(binary, ['--site', site, '--port', '0', '--port-file', portFile, ...extraArgs],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', d => { log += d; });
  child.stderr.on('data', d => { log += d; });
  let exited = null;
  const exit = new Promise(resolve => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); }));
  const port = await waitFor('the backend to write its port file', () => {
    if (exited) throw new Error(`backend exited early (${JSON.stringify(exited)}): ${log}`);
    try { return Number(readFileSync(portFile, 'utf8').trim()) || null; } catch { return null; }
  }, { timeoutMs: 15000 });
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    log: () => log,
    // A crash: SIGKILL, so in-flight requests die with their connections.
    async kill() {
      if (!exited) {
        child.kill('SIGKILL');
        await exit;
      }
      rmSync(dir, { recursive: true, force: true });
    },
    // A clean stop: SIGTERM (in-flight requests get the backend's grace period), then
    // SIGKILL if it has not gone within 7 s.
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, 7000);
        await exit;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Debian's Chromium with WebGL2 through SwiftShader (flags from TOOLCHAIN.md).
export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

// Opens a LoopLab page and waits until its first frame is drawn (window.looplab.ready).
// Console errors and page errors are collected in page.looplabErrors.
// A phone: { width: 390, height: 844, deviceScaleFactor: 3, hasTouch: true, isMobile: true }.
export async function openPage(browser, url, { width = 1280, height = 800, deviceScaleFactor = 1, hasTouch = false, isMobile = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, hasTouch, isMobile });
  const page = await context.newPage();
  page.looplabErrors = [];
  page.on('pageerror', err => page.looplabErrors.push(`pageerror: ${err.message}`));
  page.on('console', msg => { if (msg.type() === 'error') page.looplabErrors.push(`console: ${msg.text()}`); });
  await page.goto(url);
  await page.waitForFunction(() => window.looplab && (window.looplab.ready || window.looplab.fatal), null, { timeout: 30000 });
  const fatal = await page.evaluate(() => window.looplab.fatal);
  if (fatal) throw new Error(`the page could not start: ${fatal}`);
  return page;
}

export const pageState = page => page.evaluate(() => window.looplab.state());
export const pageAct = (page, name, args = {}) => page.evaluate(([n, a]) => window.looplab.act(n, a), [name, args]);

// Waits until predicate(state) holds; returns that state.
export function waitForState(page, what, predicate, options) {
  return waitFor(what, async () => {
    const state = await pageState(page);
    return state && predicate(state) ? state : null;
  }, options);
}

export function artifactsDir() {
  const dir = process.env.LOOPLAB_ARTIFACTS || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function screenshot(page, name) {
  const file = path.join(artifactsDir(), `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`screenshot: ${file}`);
  return file;
}

// Runs the test body with a browser and reports failures as a non-zero exit.
export async function runTest(name, body) {
  const started = Date.now();
  const browser = await launchBrowser();
  const cleanups = [];
  try {
    await body({ browser, cleanup: fn => cleanups.push(fn) });
    console.log(`PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (err) {
    console.error(`FAIL ${name}: ${err.stack || err}`);
    process.exitCode = 1;
  } finally {
    for (const fn of cleanups.reverse()) { try { await fn(); } catch (err) { console.error(`cleanup: ${err}`); } }
    await browser.close();
  }
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}
