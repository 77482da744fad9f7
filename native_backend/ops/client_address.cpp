#include "ops/client_address.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>

namespace looplab::backend {
namespace asio_ip = boost::asio::ip;
namespace {

std::array<unsigned char, 16> bytes_of(const asio_ip::address& address) {
  std::array<unsigned char, 16> out{};
  if (address.is_v4()) {
    // Compared as IPv4-mapped IPv6, so one range check covers both families.
    auto v4 = address.to_v4().to_bytes();
    out[10] = out[11] = 0xff;
    std::copy(v4.begin(), v4.end(), out.begin() + 12);
  } else {
    auto v6 = address.to_v6();
    if (v6.is_v4_mapped()) return bytes_of(asio_ip::make_address_v4(asio_ip::v4_mapped, v6));
    out = v6.to_bytes();
  }
  return out;
}

bool same_prefix(const std::array<unsigned char, 16>& a, const std::array<unsigned char, 16>& b, unsigned bits) {
  for (unsigned i = 0; i < 16 && bits > 0; ++i) {
    unsigned take = bits >= 8 ? 8 : bits;
    unsigned char mask = static_cast<unsigned char>(0xff << (8 - take));
    if ((a[i] & mask) != (b[i] & mask)) return false;
    bits -= take;
  }
  return true;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

void TrustedProxies::add(std::string_view cidr) {
  auto slash = cidr.find('/');
  std::string host(trimmed(cidr.substr(0, slash)));
  boost::system::error_code ec;
  auto network = asio_ip::make_address(host, ec);
  if (ec) throw std::invalid_argument("--trusted-proxy " + std::string(cidr) + " is not an address or CIDR range");
  unsigned full = network.is_v4() ? 32 : 128;
  unsigned prefix = full;
  if (slash != std::string_view::npos) {
    auto bits = cidr.substr(slash + 1);
    auto [end, parse_ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
    if (parse_ec != std::errc{} || end != bits.data() + bits.size() || prefix > full)
      throw std::invalid_argument("--trusted-proxy " + std::string(cidr) + " has a bad prefix length");
  }
  ranges_.push_back({network, network.is_v4() ? prefix + 96 : prefix});
}

bool TrustedProxies::trusts(const asio_ip::address& address) const {
  auto bytes = bytes_of(address);
  for (const auto& range : ranges_)
    if (same_prefix(bytes, bytes_of(range.network), range.prefix)) return true;
  return false;
}

std::string client_address(const asio_ip::address& peer, std::string_view forwarded_for,
                           const TrustedProxies& proxies) {
  auto shown = [](const asio_ip::address& a) {
    if (a.is_v6() && a.to_v6().is_v4_mapped()) return asio_ip::make_address_v4(asio_ip::v4_mapped, a.to_v6()).to_string();
    return a.to_string();
  };
  if (forwarded_for.empty() || !proxies.trusts(peer)) return {};
  // Right to left: each trusted hop vouches for the one before it. When every hop is
  // trusted (a client inside the proxies' own network), the first one is the client.
  std::string_view rest = forwarded_for;
  std::string first;
  while (!rest.empty()) {
    auto comma = rest.rfind(',');
    std::string_view hop = trimmed(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    boost::system::error_code ec;
    auto address = asio_ip::make_address(std::string(hop), ec);
    if (ec) return {};  // garbage in the chain: trust none of it
    if (!proxies.trusts(address)) return shown(address);
    first = shown(address);
  }
  return first;
}

}  // namespace looplab::backend
