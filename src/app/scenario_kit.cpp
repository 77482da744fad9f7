#include "app/scenario_kit.h"

#include "app/python_format.h"
#include "looplab/looplab.hpp"

namespace looplab::app {

std::string elapsed_text(double seconds) { return "Time elapsed: " + python_elapsed(seconds); }

Coro<void> timed_run(Coro<void> body, std::uint32_t elapsed_line) {
  const double started = loop_time();
  print(banner_rule);
  co_await std::move(body);
  if (elapsed_line != 0) mark_line(elapsed_line);
  print(banner_half);
  print(elapsed_text(loop_time() - started));
  print(banner_rule);
}

Coro<void> run_all(Arrangement how, std::vector<Work> work, std::vector<std::string> names, std::uint32_t gather_line) {
  if (how == Arrangement::one_after_another) {
    for (Work& w : work) co_await w();
    co_return;
  }
  if (gather_line != 0) mark_line(gather_line);
  std::vector<Task<void>> tasks;
  tasks.reserve(work.size());
  for (std::size_t i = 0; i < work.size(); ++i) tasks.push_back(create_task(work[i](), i < names.size() ? names[i] : std::string()));
  co_await gather(std::move(tasks));
}

}  // namespace looplab::app
