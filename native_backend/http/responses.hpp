#pragma once
// Small builders for replies, so every endpoint answers errors the same way.
#include <string>
#include <string_view>

#include "http/http_message.hpp"

namespace looplab::backend {

inline constexpr std::string_view plain_text_type = "text/plain; charset=utf-8";

// A reply that mirrors the request's HTTP version and keep-alive wish.
StringResponse text_response(const Request& request, http::status status, std::string body,
                             std::string_view content_type = plain_text_type);

// Echoes what a client sent inside a sentence: at most `longest` characters, control
// characters (CR, LF, ...) shown as '?', "..." when cut.
std::string quoted_for_message(std::string_view text, std::size_t longest = 40);

// An error reply whose body is one sentence a person can act on (a newline is added).
StringResponse error_response(const Request& request, http::status status, std::string_view sentence);

}  // namespace looplab::backend
