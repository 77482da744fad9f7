#include "site/accept_encoding.hpp"

#include <cctype>
#include <string>

namespace looplab::backend {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A weight of zero means "not acceptable"; anything else (or none) means acceptable.
bool weight_is_zero(std::string_view parameters) {
  while (!parameters.empty()) {
    std::size_t semi = parameters.find(';');
    std::string_view parameter = trim(parameters.substr(0, semi));
    parameters = semi == std::string_view::npos ? std::string_view{} : parameters.substr(semi + 1);
    if (parameter.size() >= 2 && (parameter[0] == 'q' || parameter[0] == 'Q') && parameter[1] == '=') {
      std::string_view value = parameter.substr(2);
      for (char c : value)
        if (c != '0' && c != '.') return false;
      return !value.empty();
    }
  }
  return false;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  bool gzip_listed = false, gzip_ok = false, star_ok = false;
  while (!accept_encoding.empty()) {
    std::size_t comma = accept_encoding.find(',');
    std::string_view item = trim(accept_encoding.substr(0, comma));
    accept_encoding = comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
    std::size_t semi = item.find(';');
    std::string coding = lower(trim(item.substr(0, semi)));
    bool acceptable = semi == std::string_view::npos || !weight_is_zero(item.substr(semi + 1));
    if (coding == "gzip" || coding == "x-gzip") {
      gzip_listed = true;
      gzip_ok = gzip_ok || acceptable;
    } else if (coding == "*") {
      star_ok = acceptable;
    }
  }
  return gzip_listed ? gzip_ok : star_ok;
}

}  // namespace looplab::backend
