#include "scenario.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "app/python_format.h"
#include "generators_embedded.h"
#include "programs.h"

namespace looplab::generators {
namespace {

std::string trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// "10, 5, 20" -> {"10", "5", "20"}; an empty item ("10,,5") stays, to be refused.
std::vector<std::string> items_of(std::string_view text) {
  std::vector<std::string> items;
  if (trimmed(text).empty()) return items;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    items.push_back(trimmed(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
    if (comma == std::string_view::npos) return items;
    start = comma + 1;
  }
}

bool all_digits(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

void replace_once(std::string& text, std::string_view from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("a generators snippet lost the text '" + std::string(from) + "'");
  text.replace(at, from.size(), to);
}

std::string values_list(const std::vector<py::Value>& values) { return py::list_repr(values); }

std::string letters_list(const std::vector<int>& lengths) {
  std::string out = "[";
  for (std::size_t i = 0; i < lengths.size(); ++i)
    out += (i ? ", " : "") + std::string("letters(\"") + char('a' + i) + "\", " + std::to_string(lengths[i]) + ")";
  return out + "]";
}

constexpr std::string_view seed_inner_loop =
    "    for i, g in enumerate(generators):\n"
    "        try:\n"
    "            print(next(g))\n"
    "        except StopIteration:\n"
    "            print(f\"removed index {i}\")\n"
    "            del generators[i]  # the list shifts left under the loop\n";
constexpr std::string_view fixed_inner_loop =
    "    for g in list(generators):  # walk a copy: removing from the original skips nobody\n"
    "        try:\n"
    "            print(next(g))\n"
    "        except StopIteration:\n"
    "            print(f\"removed index {generators.index(g)}\")\n"
    "            generators.remove(g)\n";

}  // namespace

std::vector<py::Value> parse_sends(std::string_view text, std::string& problem) {
  std::vector<py::Value> values;
  const std::vector<std::string> items = items_of(text);
  if (items.empty()) {
    problem = "Type at least one value to send, such as 10, 5, 20, 1.5.";
    return {};
  }
  if (items.size() > kMaxSends) {
    problem = "At most " + std::to_string(kMaxSends) + " values can be sent in one run; you typed " +
              std::to_string(items.size()) + ".";
    return {};
  }
  for (const std::string& item : items) {
    char* end = nullptr;
    const double number = std::strtod(item.c_str(), &end);
    // Decimal literals only (strtod would also take "inf", "nan" and hex).
    const bool decimal = item.find_first_not_of("0123456789+-.eE") == std::string::npos;
    const bool parsed = decimal && !item.empty() && end == item.c_str() + item.size() && std::isfinite(number);
    if (!parsed) {
      problem = "'" + item + "' is not a number: type numbers separated by commas, such as 10, 5, 20, 1.5.";
      return {};
    }
    if (std::fabs(number) > kMaxSentMagnitude) {
      problem = "'" + item + "' is too large: each value must be within plus or minus 10**15.";
      return {};
    }
    // As Python reads the literal: 10 is an int, 10.0 and 1e3 are floats.
    if (all_digits(item)) values.emplace_back(static_cast<std::int64_t>(std::strtoll(item.c_str(), nullptr, 10)));
    else values.emplace_back(number);
  }
  problem.clear();
  return values;
}

std::vector<int> parse_lengths(std::string_view text, std::string& problem) {
  std::vector<int> lengths;
  const std::vector<std::string> items = items_of(text);
  const std::string how = "type between 1 and " + std::to_string(kMaxGenerators) + " whole numbers from 0 to " +
                          std::to_string(kMaxLength) + ", separated by commas, such as 1, 3, 2.";
  if (items.empty() || items.size() > kMaxGenerators) {
    problem = "The lengths of the generators: " + how;
    return {};
  }
  for (const std::string& item : items) {
    if (!all_digits(item) || item.front() == '-' || item.size() > 2 || std::atoi(item.c_str()) > kMaxLength) {
      problem = "'" + item + "' is not a length: " + how;
      return {};
    }
    lengths.push_back(std::atoi(item.c_str()));
  }
  problem.clear();
  return lengths;
}

std::string sends_problem(std::string_view text) {
  std::string problem;
  parse_sends(text, problem);
  return problem;
}

std::string lengths_problem(std::string_view text) {
  std::string problem;
  parse_lengths(text, problem);
  return problem;
}

std::string refusal(const Settings& s) {
  if (s.end < 1 || s.end > kMaxEnd)
    return "The range must end between 1 and " + app::grouped(kMaxEnd) +
           ": a bigger list would take hundreds of megabytes of this page's memory.";
  if (s.count < 1 || s.count > kMaxCount)
    return "counting(n) takes n from 1 to " + std::to_string(kMaxCount) + ".";
  if (s.sends.empty() || s.sends.size() > kMaxSends)
    return "Send between 1 and " + std::to_string(kMaxSends) + " values.";
  if (s.lengths.empty() || s.lengths.size() > kMaxGenerators)
    return "The round robin takes between 1 and " + std::to_string(kMaxGenerators) + " generators.";
  for (int n : s.lengths)
    if (n < 0 || n > kMaxLength) return "Each generator yields from 0 to " + std::to_string(kMaxLength) + " values.";
  if (!(s.step_cost >= 1e-6 && s.step_cost <= 1)) return "The modelled cost of a step must be from 1 µs to 1 s.";
  return {};
}

std::string snippet_file(const Settings& s) {
  switch (s.part) {
    case Part::evens: return "evens.py";
    case Part::next: return "counting.py";
    case Part::send: return "running_sum.py";
    case Part::round_robin: return "round_robin.py";
  }
  return {};
}

std::string render_snippet(const Settings& s) {
  std::string text;
  switch (s.part) {
    case Part::evens:
      text = embedded::evens_py;
      for (int i = 0; i < 2; ++i) replace_once(text, "(0, 1000000)", "(0, " + std::to_string(s.end) + ")");
      break;
    case Part::next:
      text = std::string(embedded::counting_py) +
             std::string(s.drain == Drain::list_after_next ? embedded::drain_list_py : embedded::drain_next_py);
      replace_once(text, "x = counting(3)", "x = counting(" + std::to_string(s.count) + ")");
      break;
    case Part::send:
      text = embedded::running_sum_py;
      if (s.start == Start::send_first)
        replace_once(text, "print(next(x))  # start it: run to the first yield",
                     "# no next(x) first: the first send() meets a generator that has not started");
      replace_once(text, "[10, 5, 20, 1.5]", values_list(s.sends));
      break;
    case Part::round_robin:
      text = embedded::round_robin_py;
      replace_once(text, "[letters(\"a\", 1), letters(\"b\", 3), letters(\"c\", 2)]", letters_list(s.lengths));
      if (s.loop == RoundRobin::fixed) replace_once(text, seed_inner_loop, std::string(fixed_inner_loop));
      break;
  }
  return text;
}

void run_program(const Settings& s) {
  if (std::string why = refusal(s); !why.empty()) throw std::invalid_argument(why);
  const std::string text = render_snippet(s);
  switch (s.part) {
    case Part::evens: run_evens(s, text); break;
    case Part::next: run_counting(s, text); break;
    case Part::send: run_running_sum(s, text); break;
    case Part::round_robin: run_round_robin(s, text); break;
  }
}

Coro<void> scenario_main(Settings s) {
  run_program(s);
  co_return;
}

}  // namespace looplab::generators
