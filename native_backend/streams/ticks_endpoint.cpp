#include "streams/ticks_endpoint.hpp"

#include <charconv>
#include <chrono>
#include <cmath>

#include "endpoints/delay_seconds.hpp"
#include "http/query_string.hpp"
#include "http/responses.hpp"

namespace looplab::backend {
namespace {

std::string count_problem(std::string sentence) {
  return sentence + " Give count as a whole number from 1 to " + std::to_string(max_tick_count) +
         ", for example count=10.";
}

}  // namespace

TicksParseResult parse_ticks_query(std::string_view raw_query, double max_every_seconds) {
  TicksParseResult result;
  auto parameters = parse_query(raw_query);
  if (!parameters) {
    result.error = "The query string has a malformed %-escape. Give every as a number of seconds and count as a "
                   "whole number, for example every=0.5&count=10.";
    return result;
  }
  DelayParseResult every = parse_seconds_parameter(*parameters, "every", max_every_seconds, 1);
  if (!every.ok) {
    result.error = every.error;
    return result;
  }
  result.value.every = every.delay.value;
  result.value.every_text = every.delay.text;

  const QueryParameter* count = nullptr;
  std::string problem = find_single_parameter(*parameters, "count", count);
  if (!problem.empty()) {
    result.error = count_problem(problem);
    return result;
  }
  if (count) {
    std::string_view text = count->value;
    std::string shown = "count=" + quoted_for_message(text);
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty()) {
      result.error = count_problem("The count parameter is empty.");
      return result;
    }
    bool digits_only = end == text.data() + text.size() && text.front() != '-' && text.front() != '+';
    if (ec == std::errc::result_out_of_range && digits_only) {
      result.error = count_problem(shown + " is more than the most ticks one stream sends.");
      return result;
    }
    if (ec != std::errc{} || !digits_only) {
      result.error = count_problem(shown + " is not a whole number.");
      return result;
    }
    if (value < 1) {
      result.error = count_problem(shown + " asks for no ticks at all.");
      return result;
    }
    if (value > max_tick_count) {
      result.error = count_problem(shown + " is more than the most ticks one stream sends.");
      return result;
    }
    result.value.count = value;
  }
  result.ok = true;
  return result;
}

LastTickResult parse_last_event_id(const Request& request, std::uint64_t count) {
  LastTickResult result;
  auto field = request.find("Last-Event-ID");
  // An empty id is what the event-stream format uses to forget the last one.
  if (field == request.end() || field->value().empty()) {
    result.ok = true;
    return result;
  }
  std::string_view text = field->value();
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value > count) {
    result.error = "Last-Event-ID: " + quoted_for_message(text) + " is not a tick of this stream. A reconnecting " +
                   "client sends the id of the last tick it got, a whole number from 0 to " + std::to_string(count) +
                   " here; leave the header out to start from the first tick.";
    return result;
  }
  result.ok = true;
  result.last = value;
  return result;
}

std::string tick_message(std::uint64_t tick, std::uint64_t count, double seconds_since_start) {
  return "{\"tick\":" + std::to_string(tick) + ",\"of\":" + std::to_string(count) +
         ",\"seconds\":" + format_seconds(std::round(seconds_since_start * 1000) / 1000) + "}";
}

Awaitable<Response> TicksEndpoint::handle(const Request& request, RequestContext& context) {
  auto query = split_target(request.target()).second;
  TicksParseResult parsed = parse_ticks_query(query, context.server.config.max_delay_seconds);
  if (!parsed.ok) co_return error_response(request, http::status::bad_request, parsed.error);
  LastTickResult resumed = parse_last_event_id(request, parsed.value.count);
  if (!resumed.ok) co_return error_response(request, http::status::bad_request, resumed.error);
  if (resumed.last == parsed.value.count) co_return text_response(request, http::status::no_content, "");

  co_return stream(request, [every = parsed.value.every, count = parsed.value.count,
                             last = resumed.last](MessageStream& out) -> Awaitable<void> {
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    out.continue_after(last);
    for (std::uint64_t tick = last + 1; tick <= count; ++tick) {
      // Due at (tick - last) x every from the start: a slow write does not push later
      // ticks back.
      auto due = started +
                 std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(every * (tick - last)));
      auto now = Clock::now();
      if (due > now && !co_await out.pause(due - now)) co_return;
      double seconds = std::chrono::duration<double>(Clock::now() - started).count();
      if (!co_await out.send("tick", tick_message(tick, count, seconds))) co_return;
    }
  });
}

}  // namespace looplab::backend
