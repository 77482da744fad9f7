#pragma once
// The two ways a stream reaches a client. websocket_stream.cpp is the only file that
// includes Beast's websocket headers.
#include <memory>
#include <string>
#include <string_view>

#include "http/http_message.hpp"
#include "streams/live_stream.hpp"

namespace looplab::backend {

// True when the request asks for a WebSocket upgrade.
bool wants_websocket(const Request& request);

// Server-sent events: `head` is the reply header the session finished (Server, Date,
// security headers, CORS, Connection: close); this adds the event-stream fields.
std::unique_ptr<LiveStream> make_sse_stream(tcp::socket& socket, StreamResponse& head, std::string remote,
                                            std::string target);

std::unique_ptr<LiveStream> make_websocket_stream(tcp::socket& socket, const Request& request,
                                                  std::shared_ptr<const StreamComponent> component,
                                                  std::string remote, std::string target);

// One server-sent event: "event: tick\nid: 3\ndata: ...\n\n", one data line per line of
// data (CR, LF and CRLF all end a line); an event name loses any line breaks.
std::string sse_event(std::string_view event, std::uint64_t id, std::string_view data);

}  // namespace looplab::backend
