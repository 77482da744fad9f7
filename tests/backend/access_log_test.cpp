// An access-log line cannot be forged from the request.
#include <doctest/doctest.h>

#include <chrono>

#include "ops/access_log.hpp"

using namespace looplab::backend;

TEST_CASE("a line has remote, method, target, status, bytes and duration") {
  std::string line;
  append_access_fields(line, {"127.0.0.1:5000", "GET", "/delay-me?seconds=1", 200, 25, std::chrono::microseconds(1000250)});
  CHECK(line == "127.0.0.1:5000 \"GET /delay-me?seconds=1\" 200 25B 1000.250ms");
}

TEST_CASE("quotes and control characters in the target are escaped") {
  std::string line;
  append_access_fields(line, {"-", "GET", "/a\"b\nc", 404, 0, {}});
  CHECK(line == "- \"GET /a\\x22b\\x0ac\" 404 0B 0.000ms");
}
