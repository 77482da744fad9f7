#pragma once
// "Is the backend there?": pick a delay, ask /delay-me, see the reply and the
// time it really took, or a plain sentence when the backend is gone.
#include "fetch_client.h"

#include <nlohmann/json.hpp>

#include <string>

namespace looplab::app {

class BackendCheck {
 public:
  explicit BackendCheck(FetchClient& fetch) : fetch_(fetch) {}

  static constexpr double kMinSeconds = 0.0;
  static constexpr double kMaxSeconds = 10.0;

  // Starts a request for the given delay. Throws std::invalid_argument with a
  // sentence when the delay is outside [kMinSeconds, kMaxSeconds].
  void ask(double seconds);
  void draw();  // the panel, inside the current ImGui window
  nlohmann::json state() const;

 private:
  enum class Status { idle, waiting, answered, failed };

  FetchClient& fetch_;
  float seconds_ = 0.3f;
  Status status_ = Status::idle;
  double asked_seconds_ = 0;
  double sent_at_ms_ = 0;
  FetchId request_ = 0;
  std::string reply_;
  int http_status_ = 0;
  double measured_seconds_ = 0;
  std::string error_;
  int attempts_ = 0;
};

}  // namespace looplab::app
