#include "streams/websocket_origin.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "http/responses.hpp"

namespace looplab::backend {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The host[:port] of "scheme://host[:port]", or empty when it is not of that form
// (an opaque origin such as "null", a path, a missing host).
std::string_view authority_of(std::string_view origin) {
  auto scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return {};
  std::string_view authority = origin.substr(scheme_end + 3);
  if (authority.empty() || authority.find_first_of("/?#@ ") != std::string_view::npos) return {};
  return authority;
}

}  // namespace

OriginPolicy::OriginPolicy(const std::string& allowed) {
  std::string_view rest = allowed;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view entry = trimmed(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (entry.empty()) continue;
    if (entry == "*") {
      any_ = true;
      continue;
    }
    if (authority_of(entry).empty())
      throw std::runtime_error("--stream-allowed-origins: '" + quoted_for_message(entry) +
                               "' is not an origin; write it as the browser does, scheme://host[:port], "
                               "for example http://class.example:8080 (or * for any page)");
    extra_.push_back(lower(entry));
  }
}

std::optional<std::string> OriginPolicy::refusal(const Request& request) const {
  auto origin_field = request.find(http::field::origin);
  if (origin_field == request.end() || any_) return std::nullopt;
  std::string origin = lower(trimmed(origin_field->value()));
  std::string host = lower(trimmed(request[http::field::host]));
  std::string_view authority = authority_of(origin);
  if (!authority.empty() && authority == host) return std::nullopt;
  if (std::find(extra_.begin(), extra_.end(), origin) != extra_.end()) return std::nullopt;
  return "This WebSocket upgrade comes from a page at " + quoted_for_message(origin, 100) +
         ", not from this server (" + quoted_for_message(host.empty() ? "no Host header" : host) +
         "), so it is refused: a page elsewhere may not open LoopLab's streams. To allow that page, "
         "start the backend with --stream-allowed-origins " + quoted_for_message(origin, 100) + ".";
}

std::string OriginPolicy::describe() const {
  if (any_) return "any";
  std::string out = "same-origin";
  for (const auto& origin : extra_) out += "," + origin;
  return out;
}

}  // namespace looplab::backend
