#pragma once
// What HTTP/1.1 (RFC 9112) says a server must refuse, checked before anything reaches
// an endpoint. Lax framing is how requests get smuggled past a proxy: a body the proxy
// and the server measure differently leaves bytes that one of them reads as a second
// request. So the framing must be exactly one of: no body, one Content-Length, or
// "Transfer-Encoding: chunked" alone; anything else is 400 and the connection closes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/asio_beast.hpp"

namespace looplab::backend {

struct Refusal {
  http::status status;
  std::string sentence;
};

// The raw header bytes, request line to the blank line: obs-fold continuation lines
// (deprecated, and read differently by different parsers) are refused.
std::optional<Refusal> vet_raw_header(std::string_view header);

struct BodyPlan {
  bool has_body = false;          // Content-Length > 0 or chunked
  bool expects_continue = false;  // the client waits for "100 Continue" before sending it
};

// The parsed header: Host, the framing, Expect, and whether a body fits body_limit
// (no endpoint takes one: the default limit is 0).
std::optional<Refusal> vet_header(const http::request_header<>& header, std::uint64_t body_limit, BodyPlan& plan);

}  // namespace looplab::backend
