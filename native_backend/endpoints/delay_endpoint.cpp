#include "endpoints/delay_endpoint.hpp"

#include <chrono>

#include "endpoints/delay_replies.hpp"
#include "http/cancellable_sleep.hpp"
#include "endpoints/delay_seconds.hpp"
#include "http/query_string.hpp"
#include "http/responses.hpp"

namespace looplab::backend {

Awaitable<Response> DelayEndpoint::handle(const Request& request, RequestContext& context) {
  auto query = split_target(request.target()).second;
  DelayParseResult parsed = parse_delay_query(query, context.server.config.max_delay_seconds);
  if (!parsed.ok) co_return error_response(request, http::status::bad_request, parsed.error);

  if (parsed.delay.value > 0) {
    auto started = std::chrono::steady_clock::now();
    auto wait = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::duration<double>(parsed.delay.value));
    if (!co_await sleep_unless_cancelled(wait, context.cancel))
      co_return delay_cut_short_response(request, context, "The delay", parsed.delay,
                                         std::chrono::steady_clock::now() - started);
  }
  co_return delay_done_response(request, parsed.delay);
}

}  // namespace looplab::backend
