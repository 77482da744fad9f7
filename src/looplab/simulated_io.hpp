// I/O whose duration is stated up front: a request that takes d seconds, a query that takes
// d seconds and returns n rows. Works on both clocks (on the real one the loop sleeps until
// the completion time it reports).
//
// Optionally a client's connection limit: at most `connections` HTTP requests on the wire
// at once, the others waiting in the order they were started, each one's clock starting
// when a connection frees (a browser's per-host limit). A request that waited says how long
// in its result (IoTimeSplit::queued, 0 when it left at once).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

#include "looplab/io.hpp"

namespace looplab {

class SimulatedIo final : public IoDriver {
 public:
  // connections: 0 for no limit.
  explicit SimulatedIo(std::size_t connections = 0) : connections_(connections) {}

  void start(IoOpId op, const IoRequest& request, double now) override;
  void cancel(IoOpId op) override;
  double next_completion_time() const override;
  void poll(double now, double max_wait, std::vector<IoCompletion>& out) override;
  std::size_t in_flight() const override { return pending_.size() + queued_.size(); }

 private:
  struct Pending {
    double finish;
    std::uint64_t seq;
    IoOpId op;
    IoResult result;
    bool holds_connection;
  };
  struct Queued {
    IoOpId op;
    double seconds;
    double since;
    IoResult result;
  };
  struct Later {
    bool operator()(const Pending& a, const Pending& b) const {
      return a.finish > b.finish || (a.finish == b.finish && a.seq > b.seq);
    }
  };
  static constexpr Later later{};
  void put_on_wire(IoOpId op, double seconds, double at, IoResult result, bool holds_connection);
  // A connection freed at `at`: the first queued request takes it.
  void free_connection(double at);

  std::size_t connections_;
  std::size_t on_wire_ = 0;       // HTTP requests holding a connection
  std::vector<Pending> pending_;  // a min-heap on (finish, seq)
  std::deque<Queued> queued_;     // waiting for a connection, in start order
  std::uint64_t seq_ = 0;
  double last_now_ = 0;
};

}  // namespace looplab
