#include "site/static_files.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <stdexcept>

#include "site/accept_encoding.hpp"
#include "http/http_date.hpp"
#include "site/mime_types.hpp"
#include "http/query_string.hpp"
#include "http/responses.hpp"
#include "site/site_path.hpp"

namespace looplab::backend {
namespace fs = std::filesystem;
namespace {

struct FileFacts {
  std::uint64_t size = 0;
  std::time_t modified = 0;
  std::string etag;
};

bool file_facts(const fs::path& file, bool gzipped, FileFacts& facts) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return false;
  facts.size = static_cast<std::uint64_t>(info.st_size);
  facts.modified = info.st_mtim.tv_sec;
  char tag[80];
  std::snprintf(tag, sizeof tag, "\"%llx-%llx%s\"", static_cast<unsigned long long>(info.st_size),
                static_cast<unsigned long long>(info.st_mtim.tv_sec) * 1000000000ull +
                    static_cast<unsigned long long>(info.st_mtim.tv_nsec),
                gzipped ? "-gz" : "");
  facts.etag = tag;
  return true;
}

// If-None-Match: a list of tags or "*"; weak tags (W/"...") compare equal for GET.
bool etag_matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

bool not_modified(const Request& request, const FileFacts& facts) {
  auto none_match = request.find(http::field::if_none_match);
  if (none_match != request.end()) return etag_matches(none_match->value(), facts.etag);
  auto modified_since = request.find(http::field::if_modified_since);
  if (modified_since != request.end()) {
    auto since = parse_http_date(modified_since->value());
    return since && facts.modified <= *since;
  }
  return false;
}

template <class Body>
void set_file_headers(http::response<Body>& response, std::string_view content_type, const FileFacts& facts,
                      bool gzipped, bool has_gzip_sibling) {
  response.set(http::field::content_type, content_type);
  response.set(http::field::etag, facts.etag);
  response.set(http::field::last_modified, format_http_date(facts.modified));
  // Page assets keep their names across builds, so caches must revalidate (a cheap 304).
  response.set(http::field::cache_control, "no-cache");
  response.set("X-Content-Type-Options", "nosniff");
  if (gzipped) response.set(http::field::content_encoding, "gzip");
  if (has_gzip_sibling) response.set(http::field::vary, "Accept-Encoding");
}

}  // namespace

StaticFiles::StaticFiles(const fs::path& root) {
  std::error_code ec;
  root_ = fs::canonical(root, ec);
  if (ec || !fs::is_directory(root_))
    throw std::runtime_error("--site " + root.string() + " is not a folder (it should hold the built pages)");
}

Awaitable<Response> StaticFiles::handle(const Request& request, RequestContext&) {
  auto path = split_target(request.target()).first;
  SitePath resolved = resolve_site_path(root_, path);
  switch (resolved.kind) {
    case SitePath::Kind::bad_request:
      co_return error_response(request, http::status::bad_request, resolved.reason);
    case SitePath::Kind::refused:
      co_return error_response(request, http::status::forbidden, resolved.reason);
    case SitePath::Kind::not_found: {
      std::string sentence = "No page or file at ";
      sentence += path.substr(0, 200);
      sentence += " (the start page is at /).";
      co_return error_response(request, http::status::not_found, sentence);
    }
    case SitePath::Kind::redirect: {
      auto response = error_response(request, http::status::moved_permanently,
                                     "This is a folder; its page is at " + resolved.location);
      response.set(http::field::location, resolved.location);
      co_return response;
    }
    case SitePath::Kind::file:
      break;
  }

  std::string_view content_type = mime_type_for(resolved.file.native());
  fs::path gzip_sibling;
  bool has_gzip_sibling = resolved.file.extension() != ".gz" &&
                          inside_root(root_, resolved.file.native() + ".gz", gzip_sibling) &&
                          fs::is_regular_file(gzip_sibling);
  bool gzipped = has_gzip_sibling && accepts_gzip(request[http::field::accept_encoding]);
  const fs::path& served = gzipped ? gzip_sibling : resolved.file;
  FileFacts facts;
  if (!file_facts(served, gzipped, facts))
    co_return error_response(request, http::status::not_found, "The file disappeared while being served.");

  if (not_modified(request, facts)) {
    StringResponse response{http::status::not_modified, request.version()};
    set_file_headers(response, content_type, facts, gzipped, has_gzip_sibling);
    response.keep_alive(request.keep_alive());
    co_return response;
  }

  if (request.method() == http::verb::head) {
    // A file body insists on an open file even when only the header is written.
    StringResponse head{http::status::ok, request.version()};
    set_file_headers(head, content_type, facts, gzipped, has_gzip_sibling);
    head.keep_alive(request.keep_alive());
    head.content_length(facts.size);
    co_return head;
  }
  FileResponse response{http::status::ok, request.version()};
  set_file_headers(response, content_type, facts, gzipped, has_gzip_sibling);
  response.keep_alive(request.keep_alive());
  error_code ec;
  response.body().open(served.c_str(), beast::file_mode::scan, ec);
  if (ec) {
    co_return error_response(request, http::status::internal_server_error,
                             "The file exists but could not be opened: " + ec.message() + ".");
  }
  response.content_length(response.body().size());
  co_return response;
}

}  // namespace looplab::backend
