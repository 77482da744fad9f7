#include "concurrency/concurrency_request.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "endpoints/delay_seconds.hpp"
#include "http/query_string.hpp"
#include "http/responses.hpp"

namespace looplab::backend {
namespace {

constexpr std::array<std::string_view, 5> variants{"threads", "pool", "asyncio", "loops", "native"};
constexpr std::array<std::string_view, 5> workloads{"sleep", "http", "prime", "sleep-prime", "mix"};
constexpr std::array<std::string_view, 6> known_names{"variant", "workload", "workers", "seconds", "prime", "requests"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& choices, std::string_view text) {
  return std::find(choices.begin(), choices.end(), text) != choices.end();
}

// A required choice such as variant=threads: the sentence names every allowed value.
template <std::size_t N>
std::string read_choice(const std::vector<QueryParameter>& parameters, std::string_view name,
                        const std::array<std::string_view, N>& choices, std::string& out) {
  std::string allowed;
  for (auto choice : choices) allowed += (allowed.empty() ? "" : ", ") + std::string(choice);
  const QueryParameter* found = nullptr;
  std::string problem = find_single_parameter(parameters, name, found);
  if (!problem.empty()) return problem + " Give " + std::string(name) + " as one of " + allowed + ".";
  if (!found) return "The " + std::string(name) + " parameter is missing: give one of " + allowed + ".";
  if (!one_of(choices, found->value))
    return std::string(name) + "=" + quoted_for_message(found->value) + " is not one of " + allowed + ".";
  out = found->value;
  return "";
}

// A whole number from `low` to `high`; `if_missing` when absent (0: required).
std::string read_whole(const std::vector<QueryParameter>& parameters, std::string_view name, std::uint64_t low,
                       std::uint64_t high, std::uint64_t if_missing, std::uint64_t& out) {
  std::string range = "Give " + std::string(name) + " as a whole number from " + std::to_string(low) + " to " +
                      std::to_string(high) + ".";
  const QueryParameter* found = nullptr;
  std::string problem = find_single_parameter(parameters, name, found);
  if (!problem.empty()) return problem + " " + range;
  if (!found) {
    if (if_missing == 0) return "The " + std::string(name) + " parameter is missing. " + range;
    out = if_missing;
    return "";
  }
  std::string_view text = found->value;
  std::string shown = std::string(name) + "=" + quoted_for_message(text);
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  bool digits_only = !text.empty() && end == text.data() + text.size() && text.front() != '-' && text.front() != '+';
  if (text.empty()) return "The " + std::string(name) + " parameter is empty. " + range;
  if (!digits_only || (ec != std::errc{} && ec != std::errc::result_out_of_range))
    return shown + " is not a whole number. " + range;
  if (ec == std::errc::result_out_of_range || value > high) return shown + " is too large. " + range;
  if (value < low) return shown + " is too small. " + range;
  out = value;
  return "";
}

}  // namespace

bool runs_in_python(const ConcurrencyRequest& request) { return request.variant != "native"; }

ConcurrencyParseResult parse_concurrency_query(std::string_view raw_query, std::uint64_t process_cap) {
  ConcurrencyParseResult result;
  auto parameters = parse_query(raw_query);
  if (!parameters) {
    result.error = "The query string has a malformed %-escape. Ask for a run like "
                   "variant=threads&workload=sleep&workers=200&seconds=1.";
    return result;
  }
  for (const auto& parameter : *parameters) {
    if (!one_of(known_names, parameter.name)) {
      result.error = quoted_for_message(parameter.name) +
                     " is not a parameter of this endpoint: it takes variant, workload, workers, seconds, prime and "
                     "requests.";
      return result;
    }
  }
  ConcurrencyRequest& request = result.value;
  result.error = read_choice(*parameters, "variant", variants, request.variant);
  if (result.error.empty()) result.error = read_choice(*parameters, "workload", workloads, request.workload);
  if (result.error.empty())
    result.error = read_whole(*parameters, "workers", 1, max_concurrency_workers, 0, request.workers);
  if (result.error.empty())
    result.error = read_whole(*parameters, "prime", 2, max_prime, default_prime, request.prime);
  if (result.error.empty())
    result.error = read_whole(*parameters, "requests", 1, max_concurrency_requests, 10, request.requests);
  if (!result.error.empty()) return result;
  DelayParseResult seconds = parse_seconds_parameter(*parameters, "seconds", max_concurrency_seconds, 1);
  if (!seconds.ok) {
    result.error = seconds.error;
    return result;
  }
  request.seconds = seconds.delay.value;
  request.seconds_text = seconds.delay.text;
  if (request.variant == "native" && (request.workload == "http" || request.workload == "mix")) {
    result.error = "The native variant runs the CPU work and the sleeps only (workload prime, sleep or sleep-prime): "
                   "it is the contrast row without a GIL, and its requests would be C++'s, not Python's.";
    return result;
  }
  if (request.variant == "pool" || request.variant == "loops")
    request.processes = std::min(request.workers, process_cap);
  result.ok = true;
  return result;
}

}  // namespace looplab::backend
