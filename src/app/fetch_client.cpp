#include "fetch_client.h"

#include "event_stream.h"

#include <emscripten/emscripten.h>
#include <emscripten/fetch.h>

#include <cstdio>
#include <cstring>
#include <memory>

namespace looplab::app {
namespace {

// The C callbacks only know the fetch; it carries the client and the request id.
struct Ticket {
  FetchClient* client;
  FetchId id;
};

std::string body_of(const emscripten_fetch_t* fetch) {
  if (fetch->data == nullptr || fetch->numBytes == 0) return {};
  return std::string(fetch->data, static_cast<std::size_t>(fetch->numBytes));
}

void on_fetch_success(emscripten_fetch_t* fetch) {
  std::unique_ptr<Ticket> ticket(static_cast<Ticket*>(fetch->userData));
  int status = fetch->status;
  std::string body = body_of(fetch);
  emscripten_fetch_close(fetch);
  ticket->client->finish(ticket->id, status, std::move(body), false);
}

void on_fetch_error(emscripten_fetch_t* fetch) {
  std::unique_ptr<Ticket> ticket(static_cast<Ticket*>(fetch->userData));
  int status = fetch->status;
  std::string body = body_of(fetch);
  // Emscripten reports HTTP error answers here too: only status 0 means no answer at all.
  bool network_error = status == 0;
  emscripten_fetch_close(fetch);
  ticket->client->finish(ticket->id, status, std::move(body), network_error);
}

// Room for every request of a big run; a full buffer is emptied (entries are read as each
// answer comes in, so only old ones go).
EM_JS(void, js_raise_resource_timing_buffer, (int entries), {
  if (!globalThis.performance || !performance.setResourceTimingBufferSize) return;
  performance.setResourceTimingBufferSize(entries);
  if (!globalThis.looplabTimingBufferWatched) {
    globalThis.looplabTimingBufferWatched = true;
    performance.addEventListener('resourcetimingbufferfull', () => performance.clearResourceTimings());
  }
});

// The Resource Timing entry of the request to `url` that started at or after `sent_at_ms`
// (the first such): out = [queued, server, transfer] in seconds. 0: no usable entry.
EM_JS(int, js_resource_timing, (const char* url, double sent_at_ms, double* out), {
  if (!globalThis.performance || !performance.getEntriesByName) return 0;
  const name = new URL(UTF8ToString(url), location.href).href;
  let best = null;
  for (const e of performance.getEntriesByName(name, 'resource')) {
    if (e.startTime >= sent_at_ms - 5 && (best === null || e.startTime < best.startTime)) best = e;
  }
  if (best === null || !(best.requestStart > 0) || !(best.responseStart >= best.requestStart)) return 0;
  HEAPF64[out >> 3] = (best.requestStart - best.startTime) / 1000;
  HEAPF64[(out >> 3) + 1] = (best.responseStart - best.requestStart) / 1000;
  HEAPF64[(out >> 3) + 2] = Math.max(0, best.responseEnd - best.responseStart) / 1000;
  return 1;
});

std::string format_seconds(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", s);
  return text;
}

}  // namespace

FetchClient::FetchClient(std::string base_url) : base_url_(std::move(base_url)) { js_raise_resource_timing_buffer(5000); }

FetchId FetchClient::get(const std::string& path, double timeout_seconds, FetchCallback on_done) {
  FetchId id = next_id_++;
  Pending& p = pending_[id];
  p.on_done = std::move(on_done);
  p.url = base_url_ + path;
  p.sent_at_ms = emscripten_get_now();
  p.timeout_seconds = timeout_seconds;

  emscripten_fetch_attr_t attr;
  emscripten_fetch_attr_init(&attr);
  std::strcpy(attr.requestMethod, "GET");
  attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
  attr.timeoutMSecs = timeout_seconds > 0 ? static_cast<unsigned long>(timeout_seconds * 1000.0) : 0;
  attr.onsuccess = on_fetch_success;
  attr.onerror = on_fetch_error;
  attr.userData = new Ticket{this, id};
  emscripten_fetch(&attr, p.url.c_str());
  return id;
}

void FetchClient::cancel(FetchId id) {
  auto it = pending_.find(id);
  if (it == pending_.end()) return;
  Pending p = std::move(it->second);
  pending_.erase(it);
  FetchResult r;
  r.outcome = FetchResult::Outcome::cancelled;
  r.error = "The request to " + p.url + " was cancelled.";
  r.sent_at_ms = p.sent_at_ms;
  r.finished_at_ms = emscripten_get_now();
  p.on_done(r);
}

void FetchClient::finish(FetchId id, int http_status, std::string body, bool network_error) {
  auto it = pending_.find(id);
  if (it == pending_.end()) return;  // cancelled earlier: the answer has nobody to go to
  Pending p = std::move(it->second);
  pending_.erase(it);

  FetchResult r;
  r.sent_at_ms = p.sent_at_ms;
  r.finished_at_ms = emscripten_get_now();
  r.http_status = http_status;
  r.body = std::move(body);
  if (network_error) {
    bool ran_out_of_time = p.timeout_seconds > 0 && r.elapsed_seconds() >= p.timeout_seconds * 0.98;
    r.outcome = ran_out_of_time ? FetchResult::Outcome::timed_out : FetchResult::Outcome::unreachable;
    r.error = ran_out_of_time
        ? "No answer from the backend within " + format_seconds(p.timeout_seconds) + " s (" + p.url + ")."
        : backend_unreachable(p.url);
  } else {
    r.outcome = FetchResult::Outcome::answered;
    double timing[3];
    if (js_resource_timing(p.url.c_str(), p.sent_at_ms, timing) != 0) {
      r.queued_seconds = timing[0];
      r.server_seconds = timing[1];
      r.transfer_seconds = timing[2];
    }
    if (!r.ok()) {
      r.error = "The backend answered HTTP " + std::to_string(http_status) +
                (r.body.empty() ? std::string(".") : ": " + r.body);
    }
  }
  p.on_done(r);
}

}  // namespace looplab::app
