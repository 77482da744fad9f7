// Starts LoopLab's one wasm module on this page and exposes window.looplab, the
// page's state and actions for the page's own scripts and for browser tests
// (documented in src/app/README.md). The page names its lesson in
// <body data-lesson="...">; an empty name is the start page.
'use strict';
(function () {
  const body = document.body;
  const canvas = document.getElementById('canvas');
  const status = document.getElementById('canvas-status');

  function showStatus(text, isError) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('error', !!isError);
    status.hidden = false;
  }

  const hook = {
    ready: false,        // true once the first frame is on screen
    fatal: null,         // a sentence when the interactive part could not start
    firstFrameMs: null,  // ms from navigation start to the first drawn frame
    lesson: body.dataset.lesson || '',

    // Everything the page shows, as plain data: {app, backend_check, lesson?, ...}.
    state() {
      if (!hook.ready) return null;
      return JSON.parse(Module.UTF8ToString(Module._looplab_hook_state()));
    },
    // Triggers a named action; returns {ok: true, ...} or {ok: false, error}.
    act(name, args) {
      if (!hook.ready) return { ok: false, error: 'the page is still loading' };
      const text = Module.ccall('looplab_hook_act', 'string', ['string', 'string'],
                                [name, JSON.stringify(args === undefined ? {} : args)]);
      return JSON.parse(text);
    },
    checkBackend(seconds) { return hook.act('check_backend', { seconds }); },
    // Lesson pages: run with the parameters in force, reset, change parameters
    // ({name: value}; refused values come back as {ok: false, error}), and the last
    // run's trace (LoopLab's trace JSON, see src/looplab/trace_export.hpp).
    run() { return hook.act('run'); },
    reset() { return hook.act('reset'); },
    setParams(params) { return hook.act('set_params', params); },
    trace() {
      const r = hook.act('trace');
      return r.ok ? r.trace : null;
    },
    // Offers the last run's trace as a file: 'chrome' (Perfetto) or 'looplab'.
    downloadTrace(format) { return hook.act('download_trace', { format: format || 'chrome' }); },

    _firstFrame() {
      hook.ready = true;
      hook.firstFrameMs = performance.now();
      if (status) status.hidden = true;
      window.dispatchEvent(new Event('looplab-ready'));
    },
    _fatal(message) {
      hook.fatal = message;
      showStatus(message, true);
    },
    // The lesson frame reports how tall its layout is (CSS px) and in how many columns it
    // lays out. In one column (a phone) the canvas takes that height, so the page scrolls
    // instead of a panel inside the canvas.
    _contentHeight(px, columns) {
      hook.contentHeight = px;
      hook.layoutColumns = columns;
      fitCanvasToContent();
    },
    contentHeight: null,
    layoutColumns: null,
  };

  function fitCanvasToContent() {
    const frame = canvas && canvas.closest('.workbench .canvas-frame');
    if (!frame) return;
    frame.style.height = hook.layoutColumns === 1 && hook.contentHeight ? Math.ceil(hook.contentHeight) + 'px' : '';
  }
  window.looplab = hook;

  if (!document.createElement('canvas').getContext('webgl2')) {
    hook._fatal('This browser has no WebGL2, so the interactive part cannot start. The text still reads fine.');
    return;
  }

  // Fonts download alongside the module; main() takes their bytes from Module.looplabFonts
  // (src/app/platform.cpp; the module has no file system), in this order: sans, mono.
  const fonts = ['fonts/looplab-sans.ttf', 'fonts/looplab-mono.ttf'];
  const fontDownloads = fonts.map(url =>
    fetch(url).then(r => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(url + ': HTTP ' + r.status))))
      .then(bytes => new Uint8Array(bytes))
      .catch(err => { console.warn('LoopLab: font not loaded, using the built-in one:', err.message); return null; }));

  const args = [];
  if (hook.lesson) args.push('--lesson', hook.lesson);
  if (body.dataset.backend) args.push('--backend', body.dataset.backend);

  window.Module = {
    canvas,
    arguments: args,
    preRun: [function waitForFonts() {
      Module.addRunDependency('fonts');
      Promise.all(fontDownloads).then(files => {
        Module.looplabFonts = files;
        Module.removeRunDependency('fonts');
      });
    }],
    print: text => console.log(text),
    printErr: text => console.warn(text),
    onAbort: what => hook._fatal('The interactive part stopped: ' + what + '. Reload the page to start it again.'),
  };
  canvas.addEventListener('contextmenu', e => e.preventDefault());
  // Fingers go to the module (src/app/touch_input.h), which tells a pan, a pinch, a tap and a
  // press on a control apart. Vertical swipes stay the browser's (CSS touch-action: pan-y),
  // so the page scrolls under a finger; a touchend that can still be cancelled is, or the
  // browser would add a mouse click of its own.
  const phases = { touchstart: 0, touchmove: 1, touchend: 2, touchcancel: 3 };
  for (const type of Object.keys(phases)) {
    canvas.addEventListener(type, e => {
      if (!hook.ready || !Module._looplab_touch) return;
      const rect = canvas.getBoundingClientRect();
      for (const t of e.changedTouches) {
        Module._looplab_touch(phases[type], t.identifier, t.clientX - rect.left, t.clientY - rect.top, e.timeStamp);
      }
      if (type === 'touchend' && e.cancelable) e.preventDefault();
    }, { passive: type !== 'touchend' });
  }
  canvas.addEventListener('webglcontextlost', e => {
    e.preventDefault();
    hook._fatal('The browser took the WebGL context away. Reload the page to get it back.');
  });

  // Space runs, R resets, Left/Right step the playhead and Home/End jump to the run's start
  // and end, unless the learner is typing (in the page or in the canvas). The stepping keys
  // keep their usual meaning on a focused link or control of the page itself.
  if (hook.lesson) {
    const steps = { ArrowLeft: { step: -1 }, ArrowRight: { step: 1 }, Home: { to: 'start' }, End: { to: 'end' } };
    document.addEventListener('keydown', e => {
      if (e.ctrlKey || e.metaKey || e.altKey || !hook.ready) return;
      const t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(t.tagName))) return;
      if (Module._looplab_wants_keyboard()) return;
      if (steps[e.key]) {
        if (t !== canvas && t !== document.body && t !== document.documentElement) return;
        e.preventDefault();  // the page would scroll
        hook.act('playhead', steps[e.key]);
        return;
      }
      if (e.repeat) return;
      if (e.key === ' ') {
        e.preventDefault();  // the page would scroll
        hook.run();
      } else if (e.key === 'r' || e.key === 'R') {
        hook.reset();
      }
    });
  }

  const script = document.createElement('script');
  script.src = 'looplab.js';
  script.async = true;
  script.onerror = () => hook._fatal('Could not load looplab.js from the server.');
  document.body.appendChild(script);
})();
