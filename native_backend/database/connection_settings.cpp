#include "database/connection_settings.hpp"

namespace looplab::db {

ConnectionSettings::Params ConnectionSettings::libpq_params(const std::vector<std::string>& host_addresses) const {
  Params p;
  // One host name per address: libpq pairs host and hostaddr entries one to one (the
  // name still serves authentication messages and TLS).
  std::string hosts = host, hostaddrs;
  for (std::size_t i = 0; i < host_addresses.size(); ++i) {
    if (i > 0) {
      hosts += "," + host;
      hostaddrs += ",";
    }
    hostaddrs += host_addresses[i];
  }
  const std::pair<const char*, std::string> pairs[] = {
      {"host", hosts},
      {"hostaddr", hostaddrs},
      {"port", std::to_string(port)},
      {"dbname", name},
      {"user", user},
      {"password", password},
      {"connect_timeout", std::to_string(connect_timeout_s)},
      {"application_name", "looplab"},
      {"options", lock_timeout_ms > 0 ? "-c lock_timeout=" + std::to_string(lock_timeout_ms) : std::string()},
      // No environment fall-backs (PGHOST, ~/.pgpass) sneaking in other settings.
      {"passfile", "/dev/null"},
  };
  p.storage.reserve(std::size(pairs));
  for (const auto& [key, value] : pairs) {
    p.storage.push_back(value);
  }
  for (std::size_t i = 0; i < std::size(pairs); ++i) {
    p.keywords.push_back(pairs[i].first);
    p.values.push_back(p.storage[i].c_str());
  }
  p.keywords.push_back(nullptr);
  p.values.push_back(nullptr);
  return p;
}

std::string ConnectionSettings::describe() const { return user + "@" + host + ":" + std::to_string(port) + "/" + name; }

}  // namespace looplab::db
