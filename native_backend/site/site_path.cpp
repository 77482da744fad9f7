#include "site/site_path.hpp"

#include <algorithm>
#include <system_error>
#include <vector>

#include "http/query_string.hpp"

namespace looplab::backend {
namespace fs = std::filesystem;

bool inside_root(const fs::path& canonical_root, const fs::path& candidate, fs::path& canonical_out) {
  std::error_code ec;
  fs::path real = fs::canonical(candidate, ec);
  if (ec) return false;
  auto [root_end, real_end] = std::mismatch(canonical_root.begin(), canonical_root.end(), real.begin(), real.end());
  if (root_end != canonical_root.end()) return false;
  canonical_out = std::move(real);
  return true;
}

SitePath resolve_site_path(const fs::path& canonical_root, std::string_view url_path) {
  SitePath result;
  if (url_path.empty() || url_path.front() != '/') {
    result.kind = SitePath::Kind::bad_request;
    result.reason = "The request path must start with '/'.";
    return result;
  }
  auto decoded = percent_decode(url_path, false);
  if (!decoded) {
    result.kind = SitePath::Kind::bad_request;
    result.reason = "The path has a malformed %-escape.";
    return result;
  }
  if (decoded->find('\0') != std::string::npos || decoded->find('\\') != std::string::npos) {
    result.kind = SitePath::Kind::refused;
    result.reason = "The path contains a NUL byte or a backslash, which no site file has.";
    return result;
  }
  bool wants_folder = decoded->back() == '/';
  fs::path candidate = canonical_root;
  std::string_view rest = *decoded;
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (segment.empty()) continue;
    if (segment == "." || segment == "..") {
      result.kind = SitePath::Kind::refused;
      result.reason = "The path may not contain '.' or '..' segments; only files inside the site are served.";
      return result;
    }
    if (segment.front() == '.') {
      result.kind = SitePath::Kind::refused;
      result.reason = "Hidden files (names starting with '.') are not served.";
      return result;
    }
    candidate /= fs::path(std::string(segment));
  }

  std::error_code ec;
  auto status = fs::status(candidate, ec);
  if (ec || !fs::exists(status)) return result;  // not_found
  if (fs::is_directory(status)) {
    if (!wants_folder) {
      // Relative links inside /lessons/x/index.html only work under the slashed URL.
      result.kind = SitePath::Kind::redirect;
      // Collapsing leading slashes keeps "//host/x" from redirecting to another site.
      std::size_t first = url_path.find_first_not_of('/');
      result.location = "/" + std::string(url_path.substr(first)) + "/";
      return result;
    }
    candidate /= "index.html";
  } else if (wants_folder) {
    return result;  // "/app.js/" is not a folder
  }
  fs::path real;
  if (!inside_root(canonical_root, candidate, real)) {
    if (fs::exists(candidate, ec)) {
      result.kind = SitePath::Kind::refused;
      result.reason = "The path leads outside the site folder; only files inside it are served.";
    }
    return result;
  }
  if (!fs::is_regular_file(real, ec)) return result;
  result.kind = SitePath::Kind::file;
  result.file = std::move(real);
  return result;
}

}  // namespace looplab::backend
