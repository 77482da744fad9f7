#include "looplab/clock.hpp"

#include <chrono>
#include <thread>

namespace looplab {
namespace {
double steady_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}
}  // namespace

RealClock::RealClock() : origin_(steady_seconds()) {}

double RealClock::now() const { return steady_seconds() - origin_; }

void RealClock::wait_until(double deadline) {
  // sleep_for may wake a little early on some platforms: loop until the deadline has passed.
  for (double left = deadline - now(); left > 0; left = deadline - now()) {
#if defined(__EMSCRIPTEN__)
    (void)left;  // no blocking sleep on the browser's main thread: spin (holds only)
#else
    std::this_thread::sleep_for(std::chrono::duration<double>(left));
#endif
  }
}

}  // namespace looplab
