// The signal that tells a waiting endpoint to stop.
#include <doctest/doctest.h>

#include "http/cancel_signal.hpp"

using namespace looplab::backend;

TEST_CASE("subscribers run once on cancel, and the reason is kept") {
  CancelSignal signal;
  int calls = 0;
  auto subscription = signal.subscribe([&] { ++calls; });
  signal.cancel(CancelCause::server_shutdown, "server shutting down");
  signal.cancel(CancelCause::client_gone, "again");
  CHECK(calls == 1);
  CHECK(signal.cancelled());
  CHECK(signal.reason() == "server shutting down");
  CHECK(signal.cause() == CancelCause::server_shutdown);
}

TEST_CASE("an ended subscription is not called; a late one runs at once") {
  CancelSignal signal;
  int calls = 0;
  { auto gone = signal.subscribe([&] { ++calls; }); }
  signal.cancel(CancelCause::client_gone, "client gone");
  CHECK(calls == 0);
  auto late = signal.subscribe([&] { ++calls; });
  CHECK(calls == 1);
}

TEST_CASE("the first-subscriber hook runs once per request, and reset starts afresh") {
  CancelSignal signal;
  int hooks = 0;
  signal.on_first_subscriber([&] { ++hooks; });
  auto a = signal.subscribe([] {});
  auto b = signal.subscribe([] {});
  CHECK(hooks == 1);
  signal.cancel(CancelCause::client_gone, "x");
  signal.reset();
  CHECK_FALSE(signal.cancelled());
  auto c = signal.subscribe([] {});
  CHECK(hooks == 2);
}

TEST_CASE("a hook that cancels at once still notifies the new subscriber") {
  CancelSignal signal;
  signal.on_first_subscriber([&] { signal.cancel(CancelCause::client_gone, "client already gone"); });
  bool notified = false;
  auto subscription = signal.subscribe([&] { notified = true; });
  CHECK(notified);
}
