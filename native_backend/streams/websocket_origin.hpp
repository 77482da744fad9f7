#pragma once
// Which pages may open a WebSocket stream. Browsers send the page's Origin with every
// upgrade but, unlike fetch, do not enforce the same-origin rule on WebSockets: without
// this check any site a learner visits could open the class server's streams in the
// learner's name. Clients that send no Origin (curl, Python scripts) are not pages and
// are let through.
#include <optional>
#include <string>
#include <vector>

#include "http/http_message.hpp"

namespace looplab::backend {

class OriginPolicy {
 public:
  // `allowed` is --stream-allowed-origins: empty means "this server's own address only";
  // otherwise a comma-separated list of origins (scheme://host[:port]) allowed as well,
  // or "*" for any. Throws std::runtime_error with a sentence when an entry is malformed.
  explicit OriginPolicy(const std::string& allowed);

  // nullopt when the upgrade may go ahead, else the sentence of the 403 refusing it.
  std::optional<std::string> refusal(const Request& request) const;

  // What /healthz shows: "same-origin", "any", or the list.
  std::string describe() const;

 private:
  bool any_ = false;
  std::vector<std::string> extra_;  // lower-cased origins
};

}  // namespace looplab::backend
