// Last-Modified out, If-Modified-Since in.
#include <doctest/doctest.h>

#include "http/http_date.hpp"

using namespace looplab::backend;

TEST_CASE("dates format as IMF-fixdate and read back") {
  CHECK(format_http_date(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT");
  auto parsed = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
  REQUIRE(parsed);
  CHECK(*parsed == 784111777);
  CHECK(current_http_date().size() == 29);
}

TEST_CASE("anything but IMF-fixdate is ignored rather than misread") {
  CHECK_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));
  CHECK_FALSE(parse_http_date("Sun Nov  6 08:49:37 1994"));
  CHECK_FALSE(parse_http_date("Sun, 06 Nox 1994 08:49:37 GMT"));
  CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"));
  CHECK_FALSE(parse_http_date(""));
}
