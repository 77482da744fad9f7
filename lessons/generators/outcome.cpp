#include "outcome.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <set>

#include "app/python_format.h"

namespace looplab::generators {
namespace {

bool starts_with(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }

// "list: first value 0 after 0.012345 s, holding 8,388,632 bytes"
FirstValue read_first_value(const std::string& line) {
  FirstValue v;
  const auto value_at = line.find("first value ");
  const auto after_at = line.find(" after ");
  const auto holding_at = line.find("holding ");
  if (value_at == std::string::npos || after_at == std::string::npos || holding_at == std::string::npos) return v;
  v.seen = true;
  v.first = std::atoll(line.c_str() + value_at + 12);
  v.seconds = std::atof(line.c_str() + after_at + 7);
  std::string digits;
  for (std::size_t i = holding_at + 8; i < line.size() && (std::isdigit(static_cast<unsigned char>(line[i])) || line[i] == ','); ++i)
    if (line[i] != ',') digits += line[i];
  v.bytes = digits.empty() ? -1 : std::atoll(digits.c_str());
  return v;
}

std::string letter(std::size_t index) { return std::string(1, static_cast<char>('a' + index)); }

// Round robin: which generators' turns the rounds passed over, from the steps between the
// "round N" prints. A generator still in play at a round's start that no next() reached
// before the next round was skipped.
struct Rounds {
  std::vector<GeneratorId> letters;  // in creation order: a, b, c...
  std::set<GeneratorId> alive, stepped;
  int round = 0;

  std::string name(GeneratorId g) const {
    const auto at = std::find(letters.begin(), letters.end(), g);
    return at == letters.end() ? "?" : letter(static_cast<std::size_t>(at - letters.begin()));
  }
  void close_round(const std::set<GeneratorId>& at_start, RunFacts& f) const {
    for (GeneratorId g : letters)
      if (at_start.count(g) != 0 && stepped.count(g) == 0) f.skipped.push_back("round " + std::to_string(round) + ": " + name(g));
  }
};

}  // namespace

RunFacts facts_of(const Trace& trace) {
  RunFacts f;
  const app::MainFacts main = app::main_facts(trace);
  f.finished = main.finished;
  f.failed = main.failed;
  f.total = main.total();
  if (main.failed && trace.tasks().size() > 1) {
    const std::uint32_t end = trace.tasks()[1].finished_event;
    if (end != kNoEvent) f.error = trace.text(trace.events()[end].detail);
  }
  f.steps = trace.generator_steps().size();
  Rounds rounds;
  std::set<GeneratorId> round_start;
  for (GeneratorId g = 1; g < trace.generators().size(); ++g)
    if (trace.text(trace.generators()[g].name) == "letters") {
      rounds.letters.push_back(g);
      rounds.alive.insert(g);
    }
  for (const TraceEvent& e : trace.events()) {
    if (e.kind == EventKind::print) {
      const std::string& line = trace.text(e.detail);
      f.printed.push_back(line);
      if (starts_with(line, "list: ")) f.list = read_first_value(line);
      if (starts_with(line, "generator: ")) f.generator = read_first_value(line);
      if (starts_with(line, "c = ")) f.sums.push_back(line.substr(4));
      if (starts_with(line, "[")) f.list_result = line;
      if (starts_with(line, "round ")) {
        if (rounds.round > 0) rounds.close_round(round_start, f);
        ++rounds.round;
        round_start = rounds.alive;
        rounds.stepped.clear();
      }
      continue;
    }
    if (e.kind != EventKind::generator) continue;
    const GeneratorStep& s = trace.generator_steps().at(e.detail);
    const std::string value = s.value == 0 ? std::string() : trace.text(s.value);
    switch (s.kind) {
      case GeneratorStepKind::resumed:
        if (s.call == GeneratorCall::send) f.sent.push_back(value);
        if (s.call == GeneratorCall::next || s.call == GeneratorCall::send) rounds.stepped.insert(s.generator);
        break;
      case GeneratorStepKind::suspended: f.yielded.push_back(value); break;
      case GeneratorStepKind::returned:
        f.stop_iteration = true;
        rounds.alive.erase(s.generator);
        break;
      case GeneratorStepKind::raised: rounds.alive.erase(s.generator); break;
      case GeneratorStepKind::refused:
        if (s.call == GeneratorCall::send) rounds.stepped.insert(s.generator);
        if (f.refused.empty()) f.refused = starts_with(value, "TypeError") ? value : "TypeError: " + value;
        break;
      default: break;
    }
  }
  if (rounds.round > 0) rounds.close_round(round_start, f);
  f.rounds = rounds.round;
  return f;
}

std::vector<std::string> model_lines(const Settings& s) {
  std::vector<std::string> out;
  switch (s.part) {
    case Part::evens: break;  // measurements: compared by kind, not by text
    case Part::next:
      if (s.drain == Drain::list_after_next) {
        std::vector<py::Value> rest;
        out.push_back("0");
        for (int i = 0; i < s.count; ++i) {
          out.push_back("inside counting: after yielding " + std::to_string(i));
          if (i + 1 < s.count) rest.emplace_back(i + 1);
        }
        out.push_back(py::list_repr(rest));
      } else {
        for (int i = 0; i < s.count; ++i) {
          if (i > 0) out.push_back("inside counting: after yielding " + std::to_string(i - 1));
          out.push_back(std::to_string(i));
        }
        if (s.count > 0) out.push_back("inside counting: after yielding " + std::to_string(s.count - 1));
        out.push_back("StopIteration: counting has no more values");
      }
      break;
    case Part::send: {
      if (s.start == Start::send_first) {
        // Nothing is paused at a yield yet: the first value is refused before the frame runs.
        return {"TypeError: can't send non-None value to a just-started generator"};
      } else {
        out.push_back("0");
      }
      py::Value c = 0;
      int i = 0;
      for (const py::Value& v : s.sends) {
        c = c + v;
        out.push_back("c = " + c.str());
        out.push_back(std::to_string(++i));
      }
      break;
    }
    case Part::round_robin: {
      std::vector<std::pair<std::size_t, int>> left;  // (which, values left)
      for (std::size_t i = 0; i < s.lengths.size(); ++i) left.emplace_back(i, s.lengths[i]);
      std::vector<int> given(s.lengths.size(), 0);
      int round = 0;
      while (!left.empty()) {
        out.push_back("round " + std::to_string(++round));
        const auto turn = [&](std::size_t at) {  // next(g) on left[at]; false: it was removed
          auto& [which, n] = left[at];
          if (n > 0) {
            --n;
            out.push_back(letter(which) + std::to_string(given[which]++));
            return true;
          }
          out.push_back(letter(which) + " has no more");
          out.push_back("removed index " + std::to_string(at));
          left.erase(left.begin() + static_cast<std::ptrdiff_t>(at));
          return false;
        };
        if (s.loop == RoundRobin::seed) {
          for (std::size_t at = 0; at < left.size(); ++at) turn(at);
        } else {
          std::vector<std::size_t> order;
          for (const auto& g : left) order.push_back(g.first);
          for (std::size_t which : order) {
            const auto at = std::find_if(left.begin(), left.end(), [&](const auto& g) { return g.first == which; });
            turn(static_cast<std::size_t>(at - left.begin()));
          }
        }
      }
      out.push_back("rounds: " + std::to_string(round));
      break;
    }
  }
  return out;
}

std::vector<std::string> model_skips(const Settings& s) {
  std::vector<std::string> skips;
  if (s.part != Part::round_robin || s.loop != RoundRobin::seed) return skips;
  std::vector<std::pair<std::size_t, int>> left;
  for (std::size_t i = 0; i < s.lengths.size(); ++i) left.emplace_back(i, s.lengths[i]);
  for (int round = 1; !left.empty(); ++round) {
    std::set<std::size_t> stepped;
    const auto at_start = left;
    for (std::size_t at = 0; at < left.size(); ++at) {
      stepped.insert(left[at].first);
      if (left[at].second-- == 0) left.erase(left.begin() + static_cast<std::ptrdiff_t>(at));
    }
    for (const auto& g : at_start)
      if (stepped.count(g.first) == 0) skips.push_back("round " + std::to_string(round) + ": " + letter(g.first));
  }
  return skips;
}

ui::Verdict make_verdict(const Settings& s, const RunFacts& f) {
  ui::Verdict v;
  v.rows = {{"measured", f.total, "virtual clock: " + app::python_float(s.step_cost * 1000) + " ms per step", true}};
  const std::vector<std::string> expected = model_lines(s);
  bool matches = f.finished && !f.failed;
  if (s.part == Part::evens) {
    matches = matches && f.list.seen && f.generator.seen && f.list.first == 0 && f.generator.first == 0 &&
              f.list.bytes >= static_cast<std::int64_t>((s.end + 1) / 2 * 8) && f.generator.bytes < 4096;
  } else {
    matches = matches && f.printed == expected;
  }
  if (s.part == Part::round_robin) matches = matches && f.skipped == model_skips(s);
  v.matches_model = matches;
  if (!f.finished) v.meaning = "The run did not finish.";
  else if (f.failed) v.meaning = "The run stopped: " + f.error;
  else if (!matches) v.meaning = "The run did not print what Python prints for this program.";
  else switch (s.part) {
    case Part::evens: {
      const double speedup = f.generator.seconds > 0 ? f.list.seconds / f.generator.seconds : 0;
      v.meaning = "The list had to be built in full before its first value could be used; the generator handed "
                  "over its first value at once and holds only its frame.";
      v.notes.push_back("Time to the first value: list " + app::python_float(std::round(f.list.seconds * 1e6) / 1e3) +
                        " ms, generator " + app::python_float(std::round(f.generator.seconds * 1e6) / 1e3) + " ms" +
                        (speedup >= 2 ? " (" + app::grouped(static_cast<std::int64_t>(speedup)) + " times sooner)" : std::string()) +
                        ", measured in this page.");
      v.notes.push_back("Memory held: list " + app::grouped(f.list.bytes) + " bytes, generator " +
                        app::grouped(f.generator.bytes) + " bytes, whatever the size of the range.");
      break;
    }
    case Part::next:
      v.meaning = s.drain == Drain::list_after_next
                      ? "list() took what next() had left: the first value was already gone, and the generator's own "
                        "lines printed while list() pulled the rest."
                      : "Each next() ran the generator to its following yield; the one after the last value raised "
                        "StopIteration.";
      break;
    case Part::send:
      v.meaning = !f.refused.empty()
                      ? "A generator that has not started is not paused at a yield, so nothing can receive the value: "
                        "Python refuses it. Start it with next(x) or x.send(None)."
                      : "Each send() resumed the generator at its yield with the value, which became the result of "
                        "the yield expression; the generator still yields i from its range.";
      if (!f.sums.empty()) {
        std::string sums;
        for (const std::string& c : f.sums) sums += (sums.empty() ? "" : ", ") + c;
        v.notes.push_back("c went " + sums + ".");
      }
      break;
    case Part::round_robin:
      if (!f.skipped.empty()) {
        std::string which;
        for (const std::string& k : f.skipped) which += (which.empty() ? "" : "; ") + k;
        v.meaning = "Deleting from the list being walked shifted the next generator into the freed place, and the "
                    "loop moved past it: skipped turns (" + which + ").";
      } else {
        v.meaning = s.loop == RoundRobin::fixed ? "Walking a copy of the list, every generator got its turn in every round."
                                                : "No generator was skipped with these lengths: a skip needs a generator "
                                                  "after the one removed.";
      }
      v.notes.push_back(std::to_string(f.rounds) + " rounds.");
      break;
  }
  if (f.steps > 0) v.notes.push_back(std::to_string(f.steps) + " generator steps in the trace: step through them below.");
  return v;
}

}  // namespace looplab::generators
