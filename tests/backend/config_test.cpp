// Flags, their LOOPLAB_* environment twins, and readable errors.
#include <doctest/doctest.h>

#include <cstdlib>
#include <vector>

#include "server/config.hpp"
#include "server/event_loops.hpp"

using namespace looplab::backend;

namespace {

ConfigOutcome parse(std::vector<const char*> args) {
  args.insert(args.begin(), "looplab-backend");
  return ConfigParser{}.parse(static_cast<int>(args.size()), args.data());
}

}  // namespace

TEST_CASE("defaults: port 8000, both loopbacks, 300 s, 10000 connections") {
  auto outcome = parse({});
  REQUIRE(outcome.config);
  CHECK(outcome.config->port == 8000);
  CHECK(outcome.config->listen_addresses.empty());
  CHECK(outcome.config->max_delay_seconds == 300);
  CHECK(outcome.config->max_connections == 10000);
  CHECK(outcome.config->header_timeout == std::chrono::seconds(10));
}

TEST_CASE("flags set values; --listen repeats or takes a list") {
  auto outcome = parse({"--port", "0", "--listen", "0.0.0.0", "--listen", "::1,127.0.0.1", "--max-delay", "2.5",
                        "--header-timeout", "0.5", "--allow-origin", "*"});
  REQUIRE(outcome.config);
  CHECK(outcome.config->port == 0);
  CHECK(outcome.config->listen_addresses == std::vector<std::string>{"0.0.0.0", "::1", "127.0.0.1"});
  CHECK(outcome.config->max_delay_seconds == 2.5);
  CHECK(outcome.config->header_timeout == std::chrono::milliseconds(500));
  CHECK(outcome.config->allow_origin == "*");
}

TEST_CASE("--threads: one event loop per core unless told; 1 to 256, else a sentence") {
  auto outcome = parse({});
  REQUIRE(outcome.config);
  CHECK(outcome.config->threads == EventLoops::default_count());
  CHECK(outcome.config->threads >= 1);
  outcome = parse({"--threads", "1"});
  REQUIRE(outcome.config);
  CHECK(outcome.config->threads == 1);
  outcome = parse({"--threads", "256"});
  REQUIRE(outcome.config);
  CHECK(outcome.config->threads == 256);
  for (const char* bad : {"0", "-3", "257", "many", "1.5"}) {
    outcome = parse({"--threads", bad});
    CHECK_FALSE(outcome.config);
    CHECK(outcome.exit_code == 2);
    CHECK(outcome.message.find("--threads") != std::string::npos);
  }
}

TEST_CASE("environment variables apply, and the command line wins over them") {
  ::setenv("LOOPLAB_MAX_CONNECTIONS", "42", 1);
  ::setenv("LOOPLAB_PORT", "9001", 1);
  auto outcome = parse({"--port", "9002"});
  ::unsetenv("LOOPLAB_MAX_CONNECTIONS");
  ::unsetenv("LOOPLAB_PORT");
  REQUIRE(outcome.config);
  CHECK(outcome.config->max_connections == 42);
  CHECK(outcome.config->port == 9002);
  CHECK(environment_name_for("max-delay") == "LOOPLAB_MAX_DELAY");
}

TEST_CASE("bad settings stop the start with a sentence, exit code 2") {
  for (std::vector<const char*> args : {std::vector<const char*>{"--port", "70000"}, {"--listen", "localhost"},
                                        {"--max-delay", "-1"}, {"--max-connections", "0"}, {"--bogus"},
                                        {"--header-timeout", "nan"}}) {
    auto outcome = parse(args);
    CHECK_FALSE(outcome.config);
    CHECK(outcome.exit_code == 2);
    CHECK(outcome.message.find("looplab-backend: ") == 0);
  }
}

TEST_CASE("--help prints every option and exits 0") {
  auto outcome = parse({"--help"});
  CHECK_FALSE(outcome.config);
  CHECK(outcome.exit_code == 0);
  CHECK(outcome.message.find("--max-connections") != std::string::npos);
}
