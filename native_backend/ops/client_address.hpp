#pragma once
// Who the client is, for the access log. Behind a proxy (nginx in compose.yaml) every
// connection comes from the proxy; X-Forwarded-For then names the client, but anyone
// can send that header, so it is believed only from the proxies configured with
// --trusted-proxy, and only as far as they vouch for it: the right-most address that
// is not itself a trusted proxy (or the left-most, when all of them are).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>

namespace looplab::backend {

class TrustedProxies {
 public:
  // "10.0.0.0/8", "127.0.0.1", "fd00::/8"; throws std::invalid_argument with a sentence.
  void add(std::string_view cidr);
  bool empty() const { return ranges_.empty(); }
  bool trusts(const boost::asio::ip::address& address) const;

 private:
  struct Range {
    boost::asio::ip::address network;
    unsigned prefix;
  };
  std::vector<Range> ranges_;
};

// The client a trusted proxy forwarded for; empty when the peer itself is the client to log.
std::string client_address(const boost::asio::ip::address& peer, std::string_view forwarded_for,
                           const TrustedProxies& proxies);

}  // namespace looplab::backend
