#pragma once
// Whether a request's Accept-Encoding allows a gzip reply (RFC 9110 section 12.5.3).
#include <string_view>

namespace looplab::backend {

// "gzip, deflate, br" -> true; "gzip;q=0" -> false; "*" -> true; "" -> false.
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace looplab::backend
