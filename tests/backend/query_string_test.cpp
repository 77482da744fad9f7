// Query strings are read the way Django's QueryDict reads them.
#include <doctest/doctest.h>

#include "http/query_string.hpp"

using namespace looplab::backend;

TEST_CASE("pairs split on '&', '+' is a space, a bare name has an empty value") {
  auto parameters = parse_query("a=1&b=x+y&c&&d=%41%2f");
  REQUIRE(parameters);
  REQUIRE(parameters->size() == 4);
  CHECK((*parameters)[0].name == "a");
  CHECK((*parameters)[0].value == "1");
  CHECK((*parameters)[1].value == "x y");
  CHECK((*parameters)[2].name == "c");
  CHECK((*parameters)[2].value == "");
  CHECK((*parameters)[3].value == "A/");
}

TEST_CASE("malformed escapes are reported, not guessed") {
  CHECK_FALSE(parse_query("a=%"));
  CHECK_FALSE(parse_query("a=%4"));
  CHECK_FALSE(parse_query("a=%zz"));
  CHECK_FALSE(percent_decode("%G0", false));
}

TEST_CASE("paths keep '+' and split from the query at the first '?'") {
  CHECK(*percent_decode("/a+b%20c", false) == "/a+b c");
  auto [path, query] = split_target("/delay-me?seconds=1?x");
  CHECK(path == "/delay-me");
  CHECK(query == "seconds=1?x");
  CHECK(split_target("/x").second.empty());
}
