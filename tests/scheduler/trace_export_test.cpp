#include <doctest/doctest.h>

#include <cmath>

#include "looplab/trace_export.hpp"
#include "scenario.hpp"

using namespace looplab;
using looplab::test::VirtualRun;

namespace {

VirtualRun& sample(VirtualRun& r) {
  r.run([]() -> Coro<void> {
    Queue<int> q(1, "jobs");
    auto p = create_task([](Queue<int>& queue) -> Coro<void> {
      co_await queue.put(1);
      co_await queue.put(2);
    }(q));
    co_await sleep(1);
    print("took " + std::to_string(co_await q.get()));
    co_await request("/x", 0.5);
    co_await p;
  }());
  return r;
}

}  // namespace

TEST_CASE("to_json round-trips through trace_from_json") {
  VirtualRun r;
  const Trace& original = sample(r).loop.trace();
  const nlohmann::json doc = to_json(original);
  CHECK(doc["format"] == "looplab-trace");
  const Trace back = trace_from_json(nlohmann::json::parse(doc.dump()));
  REQUIRE(back.size() == original.size());
  for (std::size_t i = 0; i < back.size(); ++i) {
    const auto& a = original.events()[i];
    const auto& b = back.events()[i];
    CHECK(a.time == b.time);
    CHECK(a.kind == b.kind);
    CHECK(a.task == b.task);
    CHECK(a.related == b.related);
    CHECK(a.detail == b.detail);
    CHECK(a.state == b.state);
    CHECK(a.cause == b.cause);
  }
  CHECK(back.task_name(2) == "Task-2");
  CHECK(back.text(back.objects()[1].name) == "jobs");
  CHECK(to_json(back) == doc);
}

TEST_CASE("bad trace JSON is refused with a readable message") {
  CHECK_THROWS_WITH_AS(trace_from_json(nlohmann::json::object()),
                       doctest::Contains("not a LoopLab trace"), std::invalid_argument);
  VirtualRun r;
  nlohmann::json doc = to_json(sample(r).loop.trace());
  doc["events"][0][1] = "teleported";
  CHECK_THROWS_WITH_AS(trace_from_json(doc), doctest::Contains("unknown event kind 'teleported'"),
                       std::invalid_argument);
  doc = to_json(r.loop.trace());
  doc["events"][0][2] = 999999;
  CHECK_THROWS_WITH_AS(trace_from_json(doc), doctest::Contains("task id out of range"), std::invalid_argument);
  doc = to_json(r.loop.trace());
  doc["tasks"] = "nope";
  CHECK_THROWS_AS(trace_from_json(doc), std::invalid_argument);
}

TEST_CASE("the Chrome trace has a thread per task and a slice per state span") {
  VirtualRun r;
  const nlohmann::json chrome = to_chrome_trace(sample(r).loop.trace());
  const auto& events = chrome["traceEvents"];
  int threads = 0, slices = 0, prints = 0;
  bool waiting_queue = false;
  for (const auto& e : events) {
    if (e["ph"] == "M" && e["name"] == "thread_name") ++threads;
    if (e["ph"] == "X") {
      ++slices;
      CHECK(e["dur"].get<double>() >= 0);
      if (e["name"] == "waiting_queue") waiting_queue = true;
    }
    if (e["ph"] == "i" && e["name"] == "print") ++prints;
  }
  CHECK(threads == 3);  // the loop, Task-1, Task-2
  CHECK(slices > 6);
  CHECK(prints == 1);
  CHECK(waiting_queue);
}

TEST_CASE("an I/O operation's result survives the round trip, and a trace from before results reads") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    IoRequest req = http_request("/delay-me?seconds=0.5", 0.5);
    req.simulated_body = "Done, I waited for 0.5 secs";
    co_await io(req);
    co_await query("SELECT 1", 0.25, 9);
  }());
  const nlohmann::json doc = to_json(r.loop.trace());
  CHECK(doc["io_ops"][1]["status"] == 200);
  CHECK(doc["strings"][doc["io_ops"][1]["reply"].get<std::size_t>()] == "Done, I waited for 0.5 secs");
  CHECK(doc["io_ops"][2]["rows"] == 9);
  CHECK(doc["io_ops"][2]["until_first"].is_null());
  const Trace back = trace_from_json(doc);
  CHECK(back.text(back.io_ops()[1].reply) == "Done, I waited for 0.5 secs");
  CHECK(back.io_ops()[2].rows == 9);
  CHECK(to_json(back) == doc);

  nlohmann::json old = doc;
  for (auto& op : old["io_ops"]) {
    for (const char* key : {"ok", "status", "rows", "reply", "error", "until_first", "transfer", "queued"}) op.erase(key);
  }
  const Trace from_old = trace_from_json(old);
  CHECK(from_old.io_ops()[2].rows == 0);
  CHECK(std::isnan(from_old.io_ops()[2].until_first));
}
