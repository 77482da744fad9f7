#pragma once
// Headers every reply carries so a browser treats LoopLab's pages and answers safely:
// no MIME sniffing, no referrer leaking to other sites, no framing by other sites
// (clickjacking), and for pages a Content-Security-Policy that runs only the site's own
// scripts (plus WebAssembly compilation, which the lessons need).
#include <string_view>

#include "http/http_message.hpp"

namespace looplab::backend {

// The policy of a page (text/html).
inline constexpr std::string_view page_content_security_policy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' http: https:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
// The policy of everything else (JSON, text, files): nothing may run from it.
inline constexpr std::string_view data_content_security_policy =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

template <class Body>
void add_security_headers(http::response<Body>& response) {
  auto type = response[http::field::content_type];
  bool page = type.substr(0, 9) == "text/html";
  response.set("Content-Security-Policy",
               page ? page_content_security_policy : data_content_security_policy);
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "DENY");  // frame-ancestors for browsers that predate it
  response.set("Referrer-Policy", "no-referrer");
}

}  // namespace looplab::backend
