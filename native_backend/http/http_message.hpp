#pragma once
// What an endpoint receives and returns.
#include <memory>
#include <variant>

#include "http/asio_beast.hpp"

namespace looplab::backend {

using Request = http::request<http::string_body>;
using StringResponse = http::response<http::string_body>;
using FileResponse = http::response<http::file_body>;

struct StreamSource;  // streams/stream_component.hpp
// A reply that goes on as a live stream (server-sent events, or WebSocket on an
// upgrade): its header, and what produces the messages (streams/message_stream.hpp).
struct StreamResponse : StringResponse {
  std::shared_ptr<const StreamSource> source;
};

// A reply is in memory, streamed from a file, or a live stream; the session serves each kind.
using Response = std::variant<StringResponse, FileResponse, StreamResponse>;

}  // namespace looplab::backend
