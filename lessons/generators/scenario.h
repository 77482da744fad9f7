// The generators lesson on looplab_core (seeds 002 and 003): what a generator is, run by the
// generator machine (looplab/generator.hpp) so that every step is in the trace.
//   evens        a list-building function against a generator for the even numbers of a
//                range: time to the first value and memory held, measured in this process
//   next         next() until StopIteration, or one next() and then list()
//   send         the running sum `c += yield i`, fed the values the learner types
//   round_robin  seed 002's loop over generators of different lengths, and its fix
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "looplab/py_value.hpp"
#include "looplab/task.hpp"

namespace looplab::generators {

enum class Part : std::uint8_t { evens, next, send, round_robin };
// How the next part empties its generator.
enum class Drain : std::uint8_t { list_after_next, next_until_stop };
// How the send part begins: next() first (right), or a send straight away (refused).
enum class Start : std::uint8_t { next_first, send_first };
// The round robin's inner loop: the seed's (deletes from the list it walks) or the fix.
enum class RoundRobin : std::uint8_t { seed, fixed };

inline constexpr std::int64_t kMaxEnd = 10'000'000;
inline constexpr int kMaxCount = 20;        // counting(n)
inline constexpr std::size_t kMaxSends = 20;
inline constexpr std::size_t kMaxGenerators = 6;
inline constexpr int kMaxLength = 10;
inline constexpr double kMaxSentMagnitude = 1e15;

struct Settings {
  Part part = Part::evens;
  std::int64_t end = 1'000'000;  // evens: range(0, end)
  int count = 3;                 // next: counting(count)
  Drain drain = Drain::list_after_next;
  Start start = Start::next_first;
  std::vector<py::Value> sends{10, 5, 20, 1.5};
  std::vector<int> lengths{1, 3, 2};
  RoundRobin loop = RoundRobin::seed;
  double step_cost = 1e-3;  // modelled seconds of the virtual clock per next()/send()
};

// The sentence for settings the lesson refuses ("" if fine).
std::string refusal(const Settings& s);

// The values to send, as typed ("10, 5, 20, 1.5"): Python ints and floats. Empty with the
// reason in `problem` when the text is not such a list.
std::vector<py::Value> parse_sends(std::string_view text, std::string& problem);
// The generators' lengths ("1, 3, 2").
std::vector<int> parse_lengths(std::string_view text, std::string& problem);
// What the parameters say when nothing is wrong with the text ("" when it is fine).
std::string sends_problem(std::string_view text);
std::string lengths_problem(std::string_view text);

// The Python the run stands for.
std::string snippet_file(const Settings& s);
std::string render_snippet(const Settings& s);

// The program itself, run inside the calling task of a running loop (the differential
// suite in tests/generators runs it the same way). Refused settings throw std::invalid_argument
// with the refusal sentence (the page refuses them before starting).
void run_program(const Settings& s);
// asyncio.run(main()) of it: the run's main task.
Coro<void> scenario_main(Settings s);

}  // namespace looplab::generators
