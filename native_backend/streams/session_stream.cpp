// Session: the rest of a connection whose endpoint answered with a stream. The stream
// runs on the connection's executor; the timeout sweep and shutdown reach it through
// Session::stream_, and its access-log line is written when it ends.
#include "ops/access_log.hpp"
#include "server/server.hpp"
#include "http/session.hpp"
#include "streams/stream_transports.hpp"

namespace looplab::backend {

Awaitable<bool> Session::serve_stream(const Request& request, Response& response, AccessRecord& record,
                                      Clock::time_point started) {
  auto& reply = std::get<StreamResponse>(response);
  std::string target{request.target()};
  std::unique_ptr<LiveStream> stream;
  if (wants_websocket(request)) {
    stream = make_websocket_stream(socket_, request, reply.source->component, remote_, std::move(target));
  } else {
    finish_headers(response, request, false);  // a stream ends with its connection: Connection: close
    stream = make_sse_stream(socket_, reply, remote_, std::move(target));
  }
  phase_ = Phase::streaming;
  deadline_ = Clock::time_point::max();  // the stream keeps a deadline per write instead
  stream_ = stream.get();
  if (server_.stopping()) stream->begin_shutdown();  // shutdown began while the endpoint looked at the request
  co_await stream->run(reply.source->produce);
  stream_ = nullptr;

  std::string summary = stream->summary();
  record.status = stream->status();
  record.body_bytes = stream->bytes_sent();
  record.duration = Clock::now() - started;
  record.outcome = summary;
  server_.count_request();
  server_.access_log().record(record);
  co_return false;
}

}  // namespace looplab::backend
