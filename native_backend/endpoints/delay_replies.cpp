#include "endpoints/delay_replies.hpp"

#include <cmath>
#include <string>

#include "http/responses.hpp"

namespace looplab::backend {

StringResponse delay_done_response(const Request& request, const DelaySeconds& delay) {
  std::string body = "Done, I waited for ";
  body += delay.text;
  body += " secs";
  return text_response(request, http::status::ok, std::move(body), "text/html; charset=utf-8");
}

StringResponse delay_cut_short_response(const Request& request, RequestContext& context, std::string_view what,
                                        const DelaySeconds& delay, std::chrono::steady_clock::duration waited,
                                        std::string_view detail) {
  double seconds = std::chrono::duration<double>(waited).count();
  std::string sentence = std::string(what) + " of " + delay.text + " seconds was cut short after " +
                         format_seconds(std::round(seconds * 1000) / 1000) + " seconds" + std::string(detail) +
                         ": " + context.cancel.reason() + ".";
  if (context.cancel.cause() == CancelCause::server_shutdown)
    context.server.log.warn(std::string(context.remote) + " " + sentence);
  return error_response(request, http::status::service_unavailable, sentence);
}

}  // namespace looplab::backend
