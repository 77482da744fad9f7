// Facts read from a trace alone: the I/O operations with their results, what was printed,
// main's total, the finish order; and a trace as a file.
#include <doctest/doctest.h>

#include <cmath>

#include "app/trace_facts.h"
#include "app/trace_file.h"
#include "app/virtual_run.h"
#include "looplab/trace_export.hpp"

using namespace looplab;
using namespace looplab::app;

namespace {

Coro<void> ask(std::string path, double seconds, bool blocking) {
  IoRequest r = http_request(path, seconds);
  r.simulated_body = "waited " + std::to_string(static_cast<int>(seconds));
  IoResult reply;
  if (blocking) {
    reply = co_await blocking_io(r);
  } else {
    reply = co_await io(r);
  }
  print(reply.body);
}

Coro<void> two_requests() {
  auto slow = create_task(ask("/slow", 2, false), "slow");
  auto quick = create_task(ask("/quick", 1, false), "quick");
  co_await slow;
  co_await quick;
  co_await ask("/held", 1, true);
}

}  // namespace

TEST_CASE("every I/O operation with who made it, when, and its result, in the order they were sent") {
  VirtualRun run(two_requests());
  const std::vector<IoFact> ops = run.io();
  REQUIRE(ops.size() == 3);
  CHECK(ops[0].task == "slow");
  CHECK(ops[0].description == "GET /slow");
  CHECK(ops[0].sent == 0);
  CHECK(ops[0].answered == 2);
  CHECK(ops[0].ok);
  CHECK(ops[0].status == 200);
  CHECK(ops[0].reply == "waited 2");
  CHECK(std::isnan(ops[0].until_first));
  CHECK(ops[1].answered == 1);
  CHECK(ops[1].answered_event < ops[0].answered_event);
  CHECK(ops[2].task == "main");
  CHECK(ops[2].blocking);
  CHECK(ops[2].sent == 2);
  CHECK(ops[2].answered == 3);
  CHECK(run.printed() == std::vector<std::string>{"waited 1", "waited 2", "waited 1"});
  const MainFacts main = run.main();
  CHECK(main.finished);
  CHECK_FALSE(main.failed);
  CHECK(main.total() == 3);
  CHECK(finish_order(run.trace()) == std::vector<std::string>{"quick", "slow"});
}

TEST_CASE("a run cut short: main not finished, answers not in") {
  Trace empty;
  CHECK_FALSE(main_facts(empty).finished);
  CHECK(io_facts(empty).empty());
}

TEST_CASE("a trace as a file: Chrome's format for Perfetto, LoopLab's own to read back") {
  VirtualRun run(two_requests());
  const TraceFile chrome = trace_file(run.trace(), "slow-server", 3, TraceFormat::chrome);
  CHECK(chrome.name == "slow-server-run3.perfetto.json");
  CHECK(chrome.mime == "application/json");
  const nlohmann::json events = nlohmann::json::parse(chrome.text);
  CHECK(events.contains("traceEvents"));
  const TraceFile own = trace_file(run.trace(), "slow-server", 3, TraceFormat::looplab);
  CHECK(own.name == "slow-server-run3.looplab.json");
  const Trace back = trace_from_json(nlohmann::json::parse(own.text));
  CHECK(back.size() == run.trace().size());
  CHECK(back.text(back.io_ops()[1].reply) == "waited 2");
}
