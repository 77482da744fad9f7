#pragma once
// GET /ticks?every=S&count=N: the demonstration stream. N "tick" messages, one every S
// seconds (scheduled from the start, so they do not drift), as server-sent events, or
// as WebSocket text messages on an upgrade request. `every` follows /delay-me's rules
// for `seconds` (and its sentences); `count` is a whole number from 1 to max_tick_count.
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

// {"tick":3,"of":10,"seconds":1.502}: the tick's number and when it was sent.
std::string tick_message(std::uint64_t tick, std::uint64_t count, double seconds_since_start);

class TicksEndpoint final : public StreamEndpoint {
 public:
  explicit TicksEndpoint(std::shared_ptr<const StreamComponent> streams) : StreamEndpoint(std::move(streams)) {}
  Awaitable<Response> handle(const Request& request, RequestContext& context) override;
};

}  // namespace looplab::backend
