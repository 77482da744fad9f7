// A callback the loop can queue without allocating: a function pointer and its two arguments.
#pragma once

#include <cstdint>

namespace looplab {

struct Callback {
  void (*fn)(void* self, std::uintptr_t arg) = nullptr;
  void* self = nullptr;
  std::uintptr_t arg = 0;

  void operator()() const { fn(self, arg); }
  explicit operator bool() const { return fn != nullptr; }
  bool operator==(const Callback& o) const { return fn == o.fn && self == o.self && arg == o.arg; }
};

}  // namespace looplab
