#pragma once
// Maps a URL path to a file under the site root, and refuses anything that would leave
// it: "..", encoded "%2e%2e", backslashes, NUL bytes, and symlinks pointing outside.
#include <filesystem>
#include <string>
#include <string_view>

namespace looplab::backend {

struct SitePath {
  enum class Kind {
    file,        // serve `file`
    redirect,    // a folder asked without its trailing slash: redirect to `location`
    not_found,
    refused,     // would leave the root, or names a hidden file
    bad_request  // malformed escapes
  };
  Kind kind = Kind::not_found;
  std::filesystem::path file;
  std::string location;
  std::string reason;  // for refused and bad_request: a sentence for the reply
};

// canonical_root must already be canonical (std::filesystem::canonical).
// "/" and "/lessons/x/" serve the index.html inside that folder.
SitePath resolve_site_path(const std::filesystem::path& canonical_root, std::string_view url_path);

// The canonical form of `candidate` if it exists and lies inside the root (symlinks followed).
bool inside_root(const std::filesystem::path& canonical_root, const std::filesystem::path& candidate,
                 std::filesystem::path& canonical_out);

}  // namespace looplab::backend
