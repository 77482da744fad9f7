// Slots within the limit, and the few past it that are held back for probes.
#include <doctest/doctest.h>

#include <vector>

#include "server/connection_slots.hpp"

using namespace looplab::backend;

TEST_CASE("slots are taken up to the limit and come back when released") {
  ConnectionSlots slots(2, 1);
  auto a = slots.acquire();
  auto b = slots.acquire();
  CHECK(a);
  CHECK(b);
  CHECK_FALSE(slots.acquire());
  CHECK(slots.at_limit());
  auto probe = slots.acquire_reserved();
  CHECK(probe);
  CHECK(probe->reserved());
  CHECK_FALSE(slots.acquire_reserved());
  CHECK(slots.open() == 2);  // reserved slots are not counted against the limit
  a.reset();
  CHECK(slots.open() == 1);
  CHECK(slots.acquire());
}
