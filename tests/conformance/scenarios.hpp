// The C++ side of the differential conformance suite: each scenario mirrors the Python
// script of the same name in python/, on LoopLab's virtual clock, where one unit of the
// Python side's time is one virtual second.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "looplab/looplab.hpp"

namespace conformance {

struct Scenario {
  const char* name;
  looplab::Coro<void> (*main)();
};

std::vector<Scenario>& registry();

struct Registration {
  Registration(const char* name, looplab::Coro<void> (*main)()) { registry().push_back({name, main}); }
};

// The same linear congruential generator as python/conformance.py.
class Lcg {
 public:
  explicit Lcg(std::uint64_t seed) : state_(seed % kModulus) {}
  std::uint64_t next() {
    state_ = (1103515245ull * state_ + 12345ull) % kModulus;
    return state_;
  }
  int randint(int lo, int hi) { return lo + static_cast<int>((next() >> 16) % static_cast<std::uint64_t>(hi - lo + 1)); }

 private:
  static constexpr std::uint64_t kModulus = 1ull << 31;
  std::uint64_t state_;
};

inline std::string py_bool(bool b) { return b ? "True" : "False"; }

template <class T> std::string py_list(const std::vector<T>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + std::to_string(items[i]);
  return out + "]";
}

}  // namespace conformance

#define CONFORMANCE_SCENARIO(name)                                                   \
  static looplab::Coro<void> name();                                                 \
  static const conformance::Registration registration_##name(#name, &name);          \
  static looplab::Coro<void> name()
