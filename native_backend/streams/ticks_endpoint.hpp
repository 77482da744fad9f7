#pragma once
// GET /ticks?every=S&count=N: the demonstration stream. N "tick" messages, one every S
// seconds (scheduled from the start, so they do not drift), as server-sent events, or
// as WebSocket text messages on an upgrade request. `every` follows /delay-me's rules
// for `seconds` (and its sentences); `count` is a whole number from 1 to max_tick_count.
// A reconnect with Last-Event-ID: K carries on from tick K+1; once the client has them
// all it gets 204, which tells an EventSource to stop reconnecting.
#include <cstdint>
#include <string>
#include <string_view>

#include "streams/stream_component.hpp"

namespace looplab::backend {

inline constexpr std::uint64_t max_tick_count = 100000;

struct TicksParameters {
  double every = 1;               // seconds between ticks (missing: 1)
  std::string every_text = "1";
  std::uint64_t count = 10;       // missing: 10
};

struct TicksParseResult {
  bool ok = false;
  TicksParameters value;
  std::string error;  // a sentence saying what was wrong and what is allowed
};

TicksParseResult parse_ticks_query(std::string_view raw_query, double max_every_seconds);

// The Last-Event-ID header of a reconnecting EventSource (a tick's id is its number):
// the last tick the client has, 0 when the header is absent; a sentence when it is not
// a tick of a stream of `count` ticks.
struct LastTickResult {
  bool ok = false;
  std::uint64_t last = 0;
  std::string error;
};
LastTickResult parse_last_event_id(const Request& request, std::uint64_t count);

// {"tick":3,"of":10,"seconds":1.502}: the tick's number and when it was sent.
std::string tick_message(std::uint64_t tick, std::uint64_t count, double seconds_since_start);

class TicksEndpoint final : public StreamEndpoint {
 public:
  explicit TicksEndpoint(std::shared_ptr<const StreamComponent> streams) : StreamEndpoint(std::move(streams)) {}
  Awaitable<Response> handle(const Request& request, RequestContext& context) override;
};

}  // namespace looplab::backend
