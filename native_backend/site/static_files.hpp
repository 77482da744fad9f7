#pragma once
// Serves the built pages from --site: MIME types, ETag/Last-Modified with 304,
// precompressed .gz siblings, folder index.html, and no way out of the root.
#include <filesystem>

#include "http/endpoint.hpp"

namespace looplab::backend {

class StaticFiles final : public Endpoint {
 public:
  // Throws std::runtime_error with a readable sentence if root is not a folder.
  explicit StaticFiles(const std::filesystem::path& root);
  Awaitable<Response> handle(const Request& request, RequestContext& context) override;

 private:
  std::filesystem::path root_;  // canonical
};

}  // namespace looplab::backend
