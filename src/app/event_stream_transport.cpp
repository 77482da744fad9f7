// The browser's transport for EventStream: fetch() with the reply's body read as it comes.
#include "event_stream.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <unordered_map>

namespace looplab::app {
namespace stream_transport {

std::unordered_map<std::uint32_t, EventStream*>& streams() {
  static std::unordered_map<std::uint32_t, EventStream*> open_streams;
  return open_streams;
}

// What the JavaScript below reports: kind 0 connected, 1 a piece of the body, 2 refused
// (status, body), 3 broke (why), 4 finished. `text` is the module's malloc'd UTF-8, or null.
enum Kind { kind_connected, kind_text, kind_refused, kind_broke, kind_finished };

// fetch() and the body's reader: one request, whose status and body a refusal keeps.
// The AbortController drops the connection on close(); nothing is reported after it.
EM_JS(void, js_stream_open, (std::uint32_t id, const char* url_text), {
  const url = UTF8ToString(url_text);
  const open = globalThis.looplabStreams || (globalThis.looplabStreams = new Map());
  const controller = new AbortController();
  open.set(id, controller);
  const say = (kind, status, text) => {
    if (open.get(id) !== controller) return false;
    _looplab_stream_event(id, kind, status, text === null ? 0 : allocateUTF8(text));
    return open.get(id) === controller;
  };
  (async () => {
    let reply;
    try {
      reply = await fetch(url, {headers: {Accept: 'text/event-stream'}, cache: 'no-store', signal: controller.signal});
    } catch (e) {
      say(3, 0, String(e && e.message || e));
      return;
    }
    try {
      if (!reply.ok || !reply.body) {
        say(2, reply.status, await reply.text());
        return;
      }
      if (!say(0, reply.status, null)) return;
      const reader = reply.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const {value, done} = await reader.read();
        if (done) break;
        if (!say(1, 0, decoder.decode(value, {stream: true}))) { reader.cancel(); return; }
      }
      say(4, 0, null);
    } catch (e) {
      say(3, 0, String(e && e.message || e));
    }
  })();
});

EM_JS(void, js_stream_close, (std::uint32_t id), {
  const open = globalThis.looplabStreams;
  const controller = open && open.get(id);
  if (!controller) return;
  open.delete(id);
  controller.abort();
});

std::uint32_t open(EventStream& stream, const std::string& url) {
  static std::uint32_t next_id = 0;
  const std::uint32_t id = ++next_id;
  streams()[id] = &stream;
  js_stream_open(id, url.c_str());
  return id;
}

void close(std::uint32_t id) {
  streams().erase(id);
  js_stream_close(id);
}

}  // namespace stream_transport

const StreamTransport& browser_transport() {
  static const StreamTransport fetch_body{&stream_transport::open, &stream_transport::close};
  return fetch_body;
}

}  // namespace looplab::app

extern "C" EMSCRIPTEN_KEEPALIVE void looplab_stream_event(std::uint32_t id, int kind, int status, char* text) {
  using namespace looplab::app;
  const std::string_view said = text ? std::string_view(text) : std::string_view();
  const auto& open = stream_transport::streams();
  if (const auto it = open.find(id); it != open.end()) {
    EventStream& s = *it->second;
    switch (kind) {
      case stream_transport::kind_connected: s.connected(); break;
      case stream_transport::kind_text: s.received(said); break;
      case stream_transport::kind_refused: s.refused(status, said); break;
      case stream_transport::kind_broke: s.broke(said); break;
      case stream_transport::kind_finished: s.finished(); break;
      default: break;
    }
  }
  std::free(text);
}

#else  // natively there is no browser: open() reports that the stream cannot be opened

namespace looplab::app {
const StreamTransport& browser_transport() {
  static const StreamTransport none{[](EventStream&, const std::string&) -> std::uint32_t { return 0; },
                                    [](std::uint32_t) {}};
  return none;
}
}  // namespace looplab::app

#endif
