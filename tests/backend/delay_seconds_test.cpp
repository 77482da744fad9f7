// What /delay-me accepts, and how it prints what it waited.
#include <doctest/doctest.h>

#include "endpoints/delay_seconds.hpp"

using namespace looplab::backend;

TEST_CASE("whole seconds print as integers, like the Django original") {
  auto result = parse_delay_query("seconds=10", 300);
  REQUIRE(result.ok);
  CHECK(result.delay.value == 10.0);
  CHECK(result.delay.text == "10");
}

TEST_CASE("fractional seconds are echoed as their shortest exact decimal") {
  CHECK(parse_delay_query("seconds=0.25", 300).delay.text == "0.25");
  CHECK(parse_delay_query("seconds=1.5", 300).delay.text == "1.5");
  CHECK(parse_delay_query("seconds=0.1", 300).delay.text == "0.1");
  CHECK(parse_delay_query("seconds=2.000", 300).delay.text == "2");
  CHECK(parse_delay_query("seconds=007", 300).delay.text == "7");
  CHECK(parse_delay_query("seconds=.5", 300).delay.text == "0.5");
  CHECK(format_seconds(1e-7) == "0.0000001");
  CHECK(format_seconds(300) == "300");
}

TEST_CASE("a missing parameter means no wait, and other parameters are ignored") {
  for (const char* query : {"", "other=1", "&&", "secondsx=3"}) {
    auto result = parse_delay_query(query, 300);
    REQUIRE(result.ok);
    CHECK(result.delay.value == 0.0);
    CHECK(result.delay.text == "0");
  }
}

TEST_CASE("percent-escapes and a leading plus are read like Python reads them") {
  CHECK(parse_delay_query("seconds=0%2E5", 300).delay.text == "0.5");
  CHECK(parse_delay_query("seconds=%2B2", 300).delay.text == "2");
  CHECK(parse_delay_query("seconds=-0", 300).delay.text == "0");
}

TEST_CASE("bad values are refused with a sentence naming the problem and what is allowed") {
  struct Case {
    const char* query;
    const char* problem;
  };
  for (auto [query, problem] : {Case{"seconds=abc", "is not a number"}, Case{"seconds=-1", "is negative"},
                                Case{"seconds=nan", "is not a number"}, Case{"seconds=inf", "is infinite"},
                                Case{"seconds=1e309", "is out of range"}, Case{"seconds=", "is empty"},
                                Case{"seconds", "is empty"}, Case{"seconds=1&seconds=2", "more than once"},
                                Case{"seconds=301", "more than the maximum delay of 300 seconds"},
                                Case{"seconds=+", "is not a number"}, Case{"seconds=++1", "is not a number"},
                                Case{"seconds=1%", "malformed"}, Case{"seconds=%20%201", "is not a number"},
                                Case{"seconds=0x10", "is not a number"}}) {
    CAPTURE(query);
    auto result = parse_delay_query(query, 300);
    CHECK_FALSE(result.ok);
    CHECK(result.error.find(problem) != std::string::npos);
    CHECK(result.error.find("from 0 to 300") != std::string::npos);
  }
}

TEST_CASE("the maximum is configurable and inclusive") {
  CHECK(parse_delay_query("seconds=2.5", 2.5).ok);
  auto over = parse_delay_query("seconds=2.51", 2.5);
  CHECK_FALSE(over.ok);
  CHECK(over.error.find("maximum delay of 2.5 seconds") != std::string::npos);
}

TEST_CASE("control characters in the echoed value are neutralised and long values cut") {
  auto result = parse_delay_value(std::string("a\nb") + std::string(100, 'x'), 300);
  CHECK_FALSE(result.ok);
  CHECK(result.error.find('\n') == std::string::npos);
  CHECK(result.error.find("...") != std::string::npos);
}

TEST_CASE("numbers closer to 0 than any double round to 0, as Python's float() does") {
  const std::string tiny[] = {"seconds=1e-400", "seconds=-1e-400", "seconds=0." + std::string(5000, '0') + "1"};
  for (const std::string& query : tiny) {
    CAPTURE(query.substr(0, 20));
    auto result = parse_delay_query(query, 300);
    REQUIRE(result.ok);
    CHECK(result.delay.value == 0.0);
    CHECK(result.delay.text == "0");
  }
  CHECK(parse_delay_query("seconds=1e-320", 300).ok);  // a denormal: tiny, but a number
  CHECK(parse_delay_query("seconds=1e400", 300).error.find("out of range") != std::string::npos);
}

TEST_CASE("a parameter named like seconds in another case is refused, naming the right one") {
  for (const char* query : {"Seconds=5", "SECONDS=1", "seconds=1&Seconds=2"}) {
    CAPTURE(query);
    auto result = parse_delay_query(query, 300);
    CHECK_FALSE(result.ok);
    CHECK(result.error.find("'seconds'") != std::string::npos);
  }
  CHECK(parse_delay_query("Verbose=1&seconds=0", 300).ok);  // other unknown names stay ignored
}
