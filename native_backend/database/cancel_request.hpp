#pragma once
// Asks PostgreSQL to stop one running query. Copies share one state, so a timer, the
// HTTP session and the query loop can all hold it without lifetime puzzles.
#include <functional>
#include <memory>
#include <string>

namespace looplab::db {

class CancelRequest {
 public:
  CancelRequest() : state_(std::make_shared<State>()) {}

  // Runs the cancel action once; a later arm() runs it at once if already requested.
  void cancel(std::string reason);
  bool requested() const { return state_->requested; }
  const std::string& reason() const { return state_->reason; }

  // The running query's way to be stopped (set by the connection while it runs).
  void arm(std::function<void()> action);
  void disarm() { state_->action = nullptr; }

  std::weak_ptr<void> weak() const { return state_; }
  static void cancel_if_alive(const std::weak_ptr<void>& weak, std::string reason);

 private:
  struct State {
    bool requested = false;
    std::string reason;
    std::function<void()> action;
  };
  std::shared_ptr<State> state_;
};

}  // namespace looplab::db
