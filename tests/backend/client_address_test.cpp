// X-Forwarded-For is believed only from trusted proxies, and only as far as they vouch.
#include <doctest/doctest.h>

#include <stdexcept>

#include "ops/client_address.hpp"

using namespace looplab::backend;
using boost::asio::ip::make_address;

TEST_CASE("without trust, or from an untrusted peer, the header is ignored") {
  TrustedProxies none;
  CHECK(client_address(make_address("127.0.0.1"), "203.0.113.9", none).empty());
  TrustedProxies proxies;
  proxies.add("10.0.0.0/8");
  CHECK(client_address(make_address("192.0.2.1"), "203.0.113.9", proxies).empty());
}

TEST_CASE("from a trusted proxy: the right-most address that is not a proxy") {
  TrustedProxies proxies;
  proxies.add("10.0.0.0/8");
  proxies.add("fd00::/8");
  auto nginx = make_address("10.89.0.4");
  CHECK(client_address(nginx, "203.0.113.9", proxies) == "203.0.113.9");
  CHECK(client_address(nginx, "198.51.100.1, 203.0.113.7", proxies) == "203.0.113.7");
  CHECK(client_address(nginx, "203.0.113.7, 10.1.2.3", proxies) == "203.0.113.7");
  CHECK(client_address(nginx, "10.1.2.3", proxies) == "10.1.2.3");  // a client inside the network
  CHECK(client_address(nginx, "not-an-address", proxies).empty());
  CHECK(client_address(make_address("::ffff:10.0.0.1"), "2001:db8::1", proxies) == "2001:db8::1");
}

TEST_CASE("bad ranges are refused with a sentence") {
  TrustedProxies proxies;
  CHECK_THROWS_AS(proxies.add("10.0.0.0/33"), std::invalid_argument);
  CHECK_THROWS_AS(proxies.add("nginx"), std::invalid_argument);
  proxies.add("127.0.0.1");
  CHECK(proxies.trusts(make_address("127.0.0.1")));
  CHECK_FALSE(proxies.trusts(make_address("127.0.0.2")));
}
