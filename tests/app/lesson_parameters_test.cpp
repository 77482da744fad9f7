// A lesson's parameters are declared once; the permalink, the refusals, the controls' values
// and the list a test walks all come from that declaration.
#include <doctest/doctest.h>

#include <stdexcept>

#include "app/lesson_parameters.h"

using namespace looplab::app;

namespace {

ParameterSet sample() {
  return ParameterSet({
      choice("mode", "mode", {{"sync", "sync", "one after another"}, {"async", "async", ""}}, "async"),
      number("r1", "R1 delay", {0, 60, "s"}, 10, "%.1f s", "Server delays"),
      number("scale", "time scale", {0.01, 1, ""}, 1),
      clock("real backend", "virtual"),
  });
}

}  // namespace

TEST_CASE("defaults are in force, and the permalink lists every parameter in declaration order") {
  const ParameterSet p = sample();
  CHECK(p.word("mode") == "async");
  CHECK(p.choice("mode") == 1);
  CHECK(p.number("r1") == 10);
  CHECK_FALSE(p.real_clock());
  const std::vector<Parameter> link = p.as_text();
  REQUIRE(link.size() == 4);
  CHECK(link[0].name == "mode");
  CHECK(link[0].value == "async");
  CHECK(link[1].value == "10");
  CHECK(link[3].name == "clock");
  CHECK(link[3].value == "virtual");
  CHECK(p.names() == "mode, r1, scale, clock");
}

TEST_CASE("values from text are applied, or refused with a sentence and the value in force kept") {
  ParameterSet p = sample();
  CHECK(p.set("r1", "2.5") == "");
  CHECK(p.number("r1") == 2.5);
  CHECK(p.set("r1", "75") == "R1 delay must be between 0 and 60 s; 75 s is too large");
  CHECK(p.number("r1") == 2.5);
  CHECK(p.set("r1", "fast") == "R1 delay: 'fast' is not a number");
  CHECK(p.set("mode", "turbo") == "mode must be one of sync, async; 'turbo' is not");
  CHECK(p.word("mode") == "async");
  CHECK(p.set("clock", "real") == "");
  CHECK(p.real_clock());
  CHECK(p.set("colour", "red").find("no parameter named 'colour'") != std::string::npos);
  p.use_virtual_clock();
  CHECK_FALSE(p.real_clock());
}

TEST_CASE("the controls propose numbers under the same rule and keep the reason for a refusal") {
  ParameterSet p = sample();
  const std::size_t r1 = *p.find("r1");
  CHECK(p.propose_number(r1, 3));
  CHECK(p.number("r1") == 3);
  CHECK_FALSE(p.propose_number(r1, -1));
  CHECK(p.checked(r1).problem == "R1 delay must be between 0 and 60 s; -1 s is too small");
  CHECK(p.number("r1") == 3);
  p.choose(*p.find("mode"), 0);
  CHECK(p.word("mode") == "sync");
  p.choose(*p.find("mode"), 7);  // no such choice: nothing changes
  CHECK(p.word("mode") == "sync");
}

TEST_CASE("describe() gives each parameter's kind and what it allows, for a test to walk") {
  const nlohmann::json d = sample().describe();
  REQUIRE(d.size() == 4);
  CHECK(d[0]["kind"] == "choice");
  CHECK(d[0]["choices"] == nlohmann::json({"sync", "async"}));
  CHECK(d[0]["default"] == "async");
  CHECK(d[1]["kind"] == "number");
  CHECK(d[1]["min"] == 0);
  CHECK(d[1]["max"] == 60);
  CHECK(d[1]["unit"] == "s");
  CHECK(d[1]["value"] == "10");
  CHECK(d[3]["kind"] == "clock");
  CHECK(d[3]["choices"] == nlohmann::json({"virtual", "real"}));
}

TEST_CASE("a copy is a snapshot: a run keeps the values it started with") {
  ParameterSet in_force = sample();
  const ParameterSet run = in_force;
  CHECK(in_force.set("r1", "1") == "");
  CHECK(run.number("r1") == 10);
  CHECK(run.rule(*run.find("r1")).name == "R1 delay");
}

TEST_CASE("a declaration that contradicts itself is a programming error, caught by the lesson's tests") {
  CHECK_THROWS_AS(ParameterSet({number("x", "x", {0, 1, ""}, 5)}), std::logic_error);
  CHECK_THROWS_AS(ParameterSet({number("x", "x", {0, 1, ""}, 0), number("x", "y", {0, 1, ""}, 0)}), std::logic_error);
  CHECK_THROWS_AS(choice("m", "m", {{"a", "a", ""}}, "b"), std::logic_error);
  CHECK_THROWS_AS(sample().number("nope"), std::logic_error);
  CHECK_THROWS_AS(sample().number("mode"), std::logic_error);
}

namespace {
std::string digits_only(std::string_view text) {
  if (text.empty() || text.find_first_not_of("0123456789, ") != std::string_view::npos)
    return "type whole numbers separated by commas";
  return {};
}
}  // namespace

TEST_CASE("a text parameter: checked as typed, the good text in force kept when a bad one comes") {
  ParameterSet p({text("values", "values to send", "10, 5", &digits_only, "send")});
  CHECK(p.text("values") == "10, 5");
  CHECK(p.as_text()[0].value == "10, 5");
  CHECK(p.set("values", "1, 2, 3").empty());
  CHECK(p.text("values") == "1, 2, 3");
  CHECK(p.set("values", "1, two") == "type whole numbers separated by commas");
  CHECK(p.text("values") == "1, 2, 3");         // still in force
  CHECK(p.text_typed(0) == "1, two");           // the field keeps what was typed...
  CHECK(!p.text_problem(0).empty());            // ...and says why it was refused
  CHECK(p.propose_text(0, "4"));
  CHECK(p.text_problem(0).empty());
  const nlohmann::json d = p.describe();
  CHECK(d[0]["kind"] == "text");
  CHECK(d[0]["default"] == "10, 5");
  CHECK_THROWS_AS(p.choice("values"), std::logic_error);
  CHECK_THROWS_AS(ParameterSet({text("t", "t", "x", &digits_only)}), std::logic_error);  // its default is refused
}
