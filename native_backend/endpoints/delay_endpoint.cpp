#include "endpoints/delay_endpoint.hpp"

#include <chrono>
#include <cmath>

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
    if (!co_await sleep_unless_cancelled(wait, context.cancel)) {
      double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::string sentence = "The delay of " + parsed.delay.text + " seconds was cut short after " +
                             format_seconds(std::round(waited * 1000) / 1000) + " seconds: " +
                             context.cancel.reason() + ".";
      if (context.cancel.cause() == CancelCause::server_shutdown)
        context.server.log.warn(std::string(context.remote) + " " + sentence);
      co_return error_response(request, http::status::service_unavailable, sentence);
    }
  }
  std::string body = "Done, I waited for ";
  body += parsed.delay.text;
  body += " secs";
  co_return text_response(request, http::status::ok, std::move(body), "text/html; charset=utf-8");
}

}  // namespace looplab::backend
