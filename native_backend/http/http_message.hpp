#pragma once
// What an endpoint receives and returns.
#include <variant>

#include "http/asio_beast.hpp"

namespace looplab::backend {

using Request = http::request<http::string_body>;
using StringResponse = http::response<http::string_body>;
using FileResponse = http::response<http::file_body>;

// A reply is either in memory or streamed from a file; the session writes either kind.
using Response = std::variant<StringResponse, FileResponse>;

}  // namespace looplab::backend
