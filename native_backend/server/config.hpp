#pragma once
// Server settings from the command line and LOOPLAB_* environment variables
// (--max-delay is also LOOPLAB_MAX_DELAY; the command line wins).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "ops/client_address.hpp"

namespace looplab::backend {

namespace po = boost::program_options;

struct ServerConfig {
  std::optional<std::filesystem::path> site;    // static pages root; none = no static files
  std::vector<std::string> listen_addresses;    // empty = 127.0.0.1 and ::1
  std::uint16_t port = 8000;                    // 0 = any free port
  std::optional<std::filesystem::path> port_file;
  std::size_t threads = 1;                      // event loops (--threads; default: the number of cores)
  double max_delay_seconds = 300;
  std::size_t max_connections = 10000;        // after fitting it to the memory limit
  std::optional<std::uint64_t> memory_limit;   // bytes the process may use; none = no limit known
  std::string connection_cap_note;             // how max_connections was chosen, for the log
  std::string allow_origin;                     // empty = no CORS headers
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::milliseconds write_timeout{60000};
  std::chrono::milliseconds shutdown_grace{5000};
  std::uint32_t header_limit_bytes = 16 * 1024;
  std::uint64_t body_limit_bytes = 0;          // no endpoint takes a body
  bool access_log = true;
  double access_log_rate = 1000;               // lines per second at most; 0 = no bound
  TrustedProxies trusted_proxies;              // whose X-Forwarded-For names the client
};

struct ConfigOutcome {
  std::optional<ServerConfig> config;  // set when the server should start
  po::variables_map variables;         // every option, including other components'
  int exit_code = 0;                   // when config is empty: 0 for --help/--version, 2 for errors
  std::string message;                 // help text or the error sentence
};

class ConfigParser {
 public:
  ConfigParser();
  // Components (e.g. the database pool) add their own options; they get the
  // LOOPLAB_* environment mapping and --help text for free.
  void add_options(const po::options_description& group);
  // Reads the process environment (LOOPLAB_*) after the command line.
  ConfigOutcome parse(int argc, const char* const* argv) const;

 private:
  po::options_description all_;
};

// "max-delay" -> "LOOPLAB_MAX_DELAY"
std::string environment_name_for(const std::string& option_name);

}  // namespace looplab::backend
