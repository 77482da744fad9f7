#include "server/config.hpp"

#include <cmath>
#include <limits>
#include <sstream>

#include <boost/asio/ip/address.hpp>

#include "server/event_loops.hpp"
#include "server/memory_budget.hpp"

namespace looplab::backend {
namespace {

std::chrono::milliseconds seconds_option(const po::variables_map& vm, const char* name) {
  double seconds = vm[name].as<double>();
  if (!std::isfinite(seconds) || seconds <= 0 || seconds > 86400)
    throw po::error(std::string("--") + name + " must be a number of seconds above 0 and at most 86400");
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(seconds * 1000)));
}

// "0.0.0.0, ::1" in one environment variable is as natural as repeating --listen.
std::vector<std::string> split_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& value : values) {
    std::string current;
    for (char c : value + ",") {
      if (c == ',' || c == ' ') {
        if (!current.empty()) out.push_back(current);
        current.clear();
      } else {
        current += c;
      }
    }
  }
  return out;
}

// The connection cap must fit the memory the server may use (see memory_budget.hpp):
// above it, a class's worth of worst-case connections would get the process killed.
void fit_connections_to_memory(ServerConfig& config, const std::string& setting, bool cap_given) {
  std::string source;
  if (setting == "auto") {
    config.memory_limit = container_memory_limit();
    source = "the container's memory limit";
  } else if (setting != "none") {
    config.memory_limit = parse_byte_size(setting);
    if (!config.memory_limit)
      throw po::error("--memory-limit must be auto, none, or a size such as 256MiB (not '" + setting + "')");
    source = "--memory-limit";
  }
  if (!config.memory_limit) {
    config.connection_cap_note = "no memory limit known";
    return;
  }
  std::size_t fits = connections_fitting(*config.memory_limit, config.header_limit_bytes);
  std::string fit = std::to_string(fits) + " connections with --header-limit " +
                    std::to_string(config.header_limit_bytes) + " fit " + source + " of " +
                    describe_bytes(*config.memory_limit);
  if (config.max_connections <= fits) {
    config.connection_cap_note = fit;
  } else {
    config.connection_cap_note = (cap_given ? "lowered from --max-connections " + std::to_string(config.max_connections) + ": "
                                            : std::string()) + fit;
    config.max_connections = fits;
  }
}

ServerConfig to_config(const po::variables_map& vm) {
  ServerConfig config;
  if (vm.count("site")) config.site = vm["site"].as<std::string>();
  if (vm.count("listen")) config.listen_addresses = split_list(vm["listen"].as<std::vector<std::string>>());
  for (const auto& address : config.listen_addresses) {
    boost::system::error_code ec;
    boost::asio::ip::make_address(address, ec);
    if (ec) throw po::error("--listen " + address + " is not an IPv4 or IPv6 address (e.g. 127.0.0.1, ::1, 0.0.0.0)");
  }
  int port = vm["port"].as<int>();
  if (port < 0 || port > 65535) throw po::error("--port must be from 0 to 65535 (0 picks a free port)");
  config.port = static_cast<std::uint16_t>(port);
  if (vm.count("port-file")) config.port_file = vm["port-file"].as<std::string>();
  config.threads = EventLoops::default_count();
  if (vm.count("threads")) {
    long long threads = vm["threads"].as<long long>();
    if (threads < 1 || threads > static_cast<long long>(EventLoops::most_threads))
      throw po::error("--threads must be a whole number of threads from 1 to " +
                      std::to_string(EventLoops::most_threads) + " (got " + std::to_string(threads) + ")");
    config.threads = static_cast<std::size_t>(threads);
  }
  config.max_delay_seconds = vm["max-delay"].as<double>();
  if (!std::isfinite(config.max_delay_seconds) || config.max_delay_seconds <= 0 || config.max_delay_seconds > 86400)
    throw po::error("--max-delay must be a number of seconds above 0 and at most 86400");
  long long max_connections = vm["max-connections"].as<long long>();
  if (max_connections < 1 || max_connections > 1'000'000)
    throw po::error("--max-connections must be from 1 to 1000000");
  config.max_connections = static_cast<std::size_t>(max_connections);
  config.allow_origin = vm["allow-origin"].as<std::string>();
  for (char c : config.allow_origin)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      throw po::error("--allow-origin must not contain control characters");
  config.header_timeout = seconds_option(vm, "header-timeout");
  config.write_timeout = seconds_option(vm, "write-timeout");
  config.shutdown_grace = seconds_option(vm, "shutdown-grace");
  long long header_limit = vm["header-limit"].as<long long>();
  if (header_limit < 1024 || header_limit > 1024 * 1024)
    throw po::error("--header-limit must be from 1024 to 1048576 bytes");
  config.header_limit_bytes = static_cast<std::uint32_t>(header_limit);
  long long body_limit = vm["body-limit"].as<long long>();
  if (body_limit < 0 || body_limit > 64ll * 1024 * 1024) throw po::error("--body-limit must be from 0 to 67108864 bytes");
  config.body_limit_bytes = static_cast<std::uint64_t>(body_limit);
  config.access_log = vm["access-log"].as<bool>();
  config.access_log_rate = vm["access-log-rate"].as<double>();
  if (!std::isfinite(config.access_log_rate) || config.access_log_rate < 0 || config.access_log_rate > 1e7)
    throw po::error("--access-log-rate must be a number of lines per second from 0 (no bound) to 10000000");
  if (vm.count("trusted-proxy")) {
    try {
      for (const auto& range : split_list(vm["trusted-proxy"].as<std::vector<std::string>>()))
        config.trusted_proxies.add(range);
    } catch (const std::invalid_argument& e) {
      throw po::error(e.what());
    }
  }
  fit_connections_to_memory(config, vm["memory-limit"].as<std::string>(), !vm["max-connections"].defaulted());
  return config;
}

}  // namespace

std::string environment_name_for(const std::string& option_name) {
  std::string name = "LOOPLAB_";
  for (char c : option_name) name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

ConfigParser::ConfigParser() : all_("looplab-backend options (each also as LOOPLAB_<NAME>, e.g. LOOPLAB_MAX_DELAY)") {
  all_.add_options()
    ("help,h", "print this help and exit")
    ("version", "print the version and exit")
    ("site", po::value<std::string>(), "folder of built pages to serve (index.html, .js, .wasm, ...)")
    ("listen", po::value<std::vector<std::string>>()->composing(),
     "address to listen on; repeatable or comma-separated (default: 127.0.0.1 and ::1)")
    ("port", po::value<int>()->default_value(8000), "TCP port; 0 picks a free one")
    ("port-file", po::value<std::string>(), "write the bound port here once listening")
    ("threads", po::value<long long>(),
     ("threads serving connections, each with an event loop of its own (default: the number of cores; here " +
      std::to_string(EventLoops::default_count()) + "; 1 to " + std::to_string(EventLoops::most_threads) + ")")
         .c_str())
    ("max-delay", po::value<double>()->default_value(300), "longest delay /delay-me accepts, in seconds")
    ("max-connections", po::value<long long>()->default_value(10000),
     "open connections served at once; past it new ones get 503 (lowered to what --memory-limit fits)")
    ("memory-limit", po::value<std::string>()->default_value("auto"),
     "memory the server may use, e.g. 256MiB; auto = the container's cgroup limit, none = no limit")
    ("allow-origin", po::value<std::string>()->default_value(""),
     "add CORS headers allowing this origin (e.g. https://example.org or *)")
    ("header-timeout", po::value<double>()->default_value(10),
     "seconds a client has to send a complete request (and an idle keep-alive lasts)")
    ("write-timeout", po::value<double>()->default_value(60), "seconds a client has to read a reply")
    ("shutdown-grace", po::value<double>()->default_value(5),
     "seconds in-flight requests get to finish after SIGINT/SIGTERM")
    ("header-limit", po::value<long long>()->default_value(16 * 1024), "largest request header, in bytes")
    ("body-limit", po::value<long long>()->default_value(0),
     "largest request body, in bytes (no endpoint takes one: 0 refuses every body with 413)")
    ("access-log", po::value<bool>()->default_value(true), "one line per request on stdout (true/false)")
    ("access-log-rate", po::value<double>()->default_value(1000),
     "access-log lines per second at most; the rest are counted, not written (0: no bound)")
    ("trusted-proxy", po::value<std::vector<std::string>>()->composing(),
     "proxy address or CIDR range whose X-Forwarded-For names the client; repeatable or comma-separated");
}

void ConfigParser::add_options(const po::options_description& group) { all_.add(group); }

ConfigOutcome ConfigParser::parse(int argc, const char* const* argv) const {
  ConfigOutcome outcome;
  try {
    po::store(po::parse_command_line(argc, argv, all_), outcome.variables);
    const auto& all = all_;
    po::store(po::parse_environment(all_,
                                    [&all](const std::string& variable) -> std::string {
                                      for (const auto& option : all.options()) {
                                        const std::string& name = option->long_name();
                                        if (name != "help" && name != "version" &&
                                            environment_name_for(name) == variable)
                                          return name;
                                      }
                                      return {};
                                    }),
              outcome.variables);
    po::notify(outcome.variables);
    if (outcome.variables.count("help")) {
      std::ostringstream help;
      help << "usage: looplab-backend [options]\n\n" << all_;
      outcome.message = help.str();
      return outcome;
    }
    if (outcome.variables.count("version")) {
      outcome.message = "looplab-backend " LOOPLAB_VERSION "\n";
      return outcome;
    }
    outcome.config = to_config(outcome.variables);
  } catch (const std::exception& e) {
    outcome.config.reset();
    outcome.exit_code = 2;
    outcome.message = std::string("looplab-backend: ") + e.what() + " (see --help)\n";
  }
  return outcome;
}

}  // namespace looplab::backend
