// The loop's sense of time. Two clocks behind one interface, so the same scenario runs on both:
// the virtual clock jumps to the next deadline when nothing is ready (instant, deterministic),
// the real clock is wall time and waiting really waits.
#pragma once

namespace looplab {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the clock was made.
  virtual double now() const = 0;
  // Lets time pass until `deadline` (seconds, as now()). The virtual clock jumps there; the
  // real clock sleeps. Never moves time backwards.
  virtual void wait_until(double deadline) = 0;
  virtual bool is_virtual() const = 0;
  virtual const char* name() const = 0;
};

class VirtualClock final : public Clock {
 public:
  double now() const override { return now_; }
  void wait_until(double deadline) override {
    if (deadline > now_) now_ = deadline;
  }
  bool is_virtual() const override { return true; }
  const char* name() const override { return "virtual"; }

 private:
  double now_ = 0;
};

class RealClock final : public Clock {
 public:
  RealClock();
  double now() const override;
  // Natively sleeps; in the browser (no blocking allowed on the main thread) a loop on the
  // real clock is driven by EventLoop::run_ready() from the frame callback instead, and
  // this busy-waits only for the short holds a blocking call inside async def demands.
  void wait_until(double deadline) override;
  bool is_virtual() const override { return false; }
  const char* name() const override { return "real"; }

 private:
  double origin_;
};

}  // namespace looplab
