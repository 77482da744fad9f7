#include "http/responses.hpp"

namespace looplab::backend {

StringResponse text_response(const Request& request, http::status status, std::string body,
                             std::string_view content_type) {
  StringResponse response{status, request.version()};
  response.set(http::field::content_type, content_type);
  response.body() = std::move(body);
  response.keep_alive(request.keep_alive());
  return response;
}

std::string quoted_for_message(std::string_view text, std::size_t longest) {
  std::string out;
  for (unsigned char c : text.substr(0, longest)) out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
  if (text.size() > longest) out += "...";
  return out;
}

StringResponse error_response(const Request& request, http::status status, std::string_view sentence) {
  std::string body{sentence};
  body += '\n';
  return text_response(request, status, std::move(body));
}

}  // namespace looplab::backend
