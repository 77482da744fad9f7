// Parameters: out-of-range values are refused with a reason, and the old value stays.
#include <doctest/doctest.h>

#include <array>

#include "ui/parameter_rules.h"

using namespace looplab::ui;

namespace {
constexpr RangeRule delay_rule{"R1 delay", 0, 60, "s"};
constexpr RangeRule scale_rule{"time scale", 0.01, 1, ""};
}  // namespace

TEST_CASE("values inside the range, ends included, are accepted") {
  CHECK(range_problem(delay_rule, 0) == "");
  CHECK(range_problem(delay_rule, 60) == "");
  CHECK(range_problem(scale_rule, 0.01) == "");
}

TEST_CASE("values outside the range are refused with a sentence saying why") {
  CHECK(range_problem(delay_rule, 75) == "R1 delay must be between 0 and 60 s; 75 s is too large");
  CHECK(range_problem(delay_rule, -1) == "R1 delay must be between 0 and 60 s; -1 s is too small");
  CHECK(range_problem(scale_rule, 0.001) == "time scale must be between 0.01 and 1; 0.001 is too small");
}

TEST_CASE("typed text must be a whole number, in range") {
  std::string problem;
  CHECK(parse_in_range(delay_rule, "2.5", problem) == 2.5);
  CHECK(problem.empty());
  CHECK_FALSE(parse_in_range(delay_rule, "abc", problem));
  CHECK(problem == "R1 delay: 'abc' is not a number");
  CHECK_FALSE(parse_in_range(delay_rule, "5s", problem));
  CHECK_FALSE(parse_in_range(delay_rule, "", problem));
  CHECK_FALSE(parse_in_range(delay_rule, "nan", problem));
  CHECK_FALSE(parse_in_range(delay_rule, "1e9", problem));
  CHECK(problem == "R1 delay must be between 0 and 60 s; 1000000000 s is too large");
}

TEST_CASE("choices accept only their words and list them otherwise") {
  constexpr std::array<std::string_view, 3> modes{"sync", "async", "fake-async"};
  std::string problem;
  CHECK(parse_choice("mode", modes, "async", problem) == 1u);
  CHECK_FALSE(parse_choice("mode", modes, "parallel", problem));
  CHECK(problem == "mode must be one of sync, async, fake-async; 'parallel' is not");
}

TEST_CASE("a refused value leaves the value in force and says why until a good one comes") {
  CheckedValue v{10, {}};
  CHECK_FALSE(v.propose(delay_rule, 61));
  CHECK(v.value == 10);
  CHECK(v.problem == "R1 delay must be between 0 and 60 s; 61 s is too large");
  CHECK(v.propose(delay_rule, 12));
  CHECK(v.value == 12);
  CHECK(v.problem.empty());
}

TEST_CASE("numbers print as short as they read back") {
  CHECK(short_number(0.1) == "0.1");
  CHECK(short_number(10) == "10");
  CHECK(short_number(0.01) == "0.01");
  CHECK(short_number(1.0 / 3) == "0.3333333333333333");
}
