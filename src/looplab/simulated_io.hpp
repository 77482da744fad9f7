// I/O whose duration is stated up front: a request that takes d seconds, a query that takes
// d seconds and returns n rows. Works on both clocks (on the real one the loop sleeps until
// the completion time it reports).
#pragma once

#include <cstdint>
#include <vector>

#include "looplab/io.hpp"

namespace looplab {

class SimulatedIo final : public IoDriver {
 public:
  void start(IoOpId op, const IoRequest& request, double now) override;
  void cancel(IoOpId op) override;
  double next_completion_time() const override;
  void poll(double now, double max_wait, std::vector<IoCompletion>& out) override;
  std::size_t in_flight() const override { return pending_.size(); }

 private:
  struct Pending {
    double finish;
    std::uint64_t seq;
    IoOpId op;
    IoResult result;
  };
  struct Later {
    bool operator()(const Pending& a, const Pending& b) const {
      return a.finish > b.finish || (a.finish == b.finish && a.seq > b.seq);
    }
  };
  static constexpr Later later{};
  std::vector<Pending> pending_;  // a min-heap on (finish, seq)
  std::uint64_t seq_ = 0;
};

}  // namespace looplab
