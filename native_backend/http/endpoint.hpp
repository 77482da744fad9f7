#pragma once
// An endpoint turns one request into one reply. See README.md, "Adding an endpoint".
#include <string_view>

#include "http/asio_beast.hpp"
#include "http/cancel_signal.hpp"
#include "http/http_message.hpp"
#include "server/server_context.hpp"

namespace looplab::backend {

struct RequestContext {
  ServerContext& server;
  // Fires when the client disconnects or the shutdown grace period ends. An endpoint
  // that waits subscribes to it (see cancellable_sleep.hpp); one that answers at once ignores it.
  CancelSignal& cancel;
  std::string_view remote;  // "127.0.0.1:52344", for log messages
};

class Endpoint {
 public:
  virtual ~Endpoint() = default;
  // HEAD arrives here as HEAD: answer as for GET; the session drops the body.
  virtual Awaitable<Response> handle(const Request& request, RequestContext& context) = 0;
};

}  // namespace looplab::backend
