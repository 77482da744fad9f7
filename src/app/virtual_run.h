#pragma once
// A scenario run to its end on a fresh virtual-clock loop, exactly as the page's virtual
// clock runs it (main named "main", leftovers cancelled as asyncio.run does), with what
// its trace says. For lesson tests and benchmarks.
#include <string>
#include <vector>

#include "app/trace_facts.h"
#include "looplab/looplab.hpp"

namespace looplab::app {

class VirtualRun {
 public:
  explicit VirtualRun(Coro<void> main, LoopOptions options = {}) : loop_(clock_, nullptr, options) {
    CurrentLoopScope scope(loop_);
    Task<void> task = loop_.create_task(std::move(main), "main");
    loop_.run_until_done(*task.base());
    loop_.shutdown();
  }
  VirtualRun(const VirtualRun&) = delete;
  VirtualRun& operator=(const VirtualRun&) = delete;

  const Trace& trace() const { return loop_.trace(); }
  EventLoop& loop() { return loop_; }
  std::vector<std::string> printed() const { return printed_lines(trace()); }
  std::vector<IoFact> io() const { return io_facts(trace()); }
  MainFacts main() const { return main_facts(trace()); }
  double total() const { return main().total(); }

 private:
  VirtualClock clock_;
  EventLoop loop_;
};

}  // namespace looplab::app
