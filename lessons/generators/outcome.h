// What a generators run did, from its trace alone (prints and generator steps), and the
// verdict on it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/trace_facts.h"
#include "scenario.h"
#include "ui/verdict.h"

namespace looplab::generators {

// One "list: ..." / "generator: ..." line of the evens part: what was measured.
struct FirstValue {
  bool seen = false;
  std::int64_t first = -1;
  double seconds = app::not_yet;  // time until the first value was in hand
  std::int64_t bytes = -1;        // memory held at that moment
};

struct RunFacts {
  bool finished = false;
  bool failed = false;
  std::string error;
  double total = app::not_yet;
  std::vector<std::string> printed;
  FirstValue list, generator;           // evens
  std::vector<std::string> yielded;     // what the generators yielded, in order (repr)
  std::vector<std::string> sent;        // what send() passed in (repr)
  std::vector<std::string> sums;        // the running sum's "c = ..." values
  std::string refused;                  // a call the machine refused ("TypeError: ...")
  std::string list_result;              // the printed list ("[1, 2]")
  bool stop_iteration = false;          // a StopIteration ended a generator
  int rounds = 0;                       // round robin
  std::vector<std::string> skipped;     // round robin: "round 2: b" for a turn passed over
  std::uint64_t steps = 0;              // generator steps in the trace
};

RunFacts facts_of(const Trace& trace);

// The model's expectation for these settings: the lines the program prints (evens: none,
// its lines are measurements), and for the round robin the turns the seed's loop skips.
std::vector<std::string> model_lines(const Settings& s);
std::vector<std::string> model_skips(const Settings& s);

ui::Verdict make_verdict(const Settings& s, const RunFacts& f);

}  // namespace looplab::generators
