#include "pi_digits.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace looplab::executor {
namespace {

// A number in [0, 100) as limbs of 4 decimal digits: limb 0 the integer part.
using Fixed = std::vector<std::uint32_t>;
constexpr std::uint32_t base = 10000;

// x / d for a small d, in place.
void divide(Fixed& x, std::uint32_t d) {
  std::uint64_t rest = 0;
  for (std::uint32_t& limb : x) {
    const std::uint64_t cur = rest * base + limb;
    limb = static_cast<std::uint32_t>(cur / d);
    rest = cur % d;
  }
}

void add(Fixed& into, const Fixed& x) {
  std::uint32_t carry = 0;
  for (std::size_t i = into.size(); i-- > 0;) {
    const std::uint32_t sum = into[i] + x[i] + carry;
    into[i] = sum % base;
    carry = sum / base;
  }
}

void subtract(Fixed& from, const Fixed& x) {
  std::int64_t borrow = 0;
  for (std::size_t i = from.size(); i-- > 0;) {
    std::int64_t diff = static_cast<std::int64_t>(from[i]) - x[i] - borrow;
    borrow = diff < 0;
    if (diff < 0) diff += base;
    from[i] = static_cast<std::uint32_t>(diff);
  }
}

bool is_zero(const Fixed& x) {
  return std::all_of(x.begin(), x.end(), [](std::uint32_t l) { return l == 0; });
}

// factor * atan(1/k) = factor * (1/k - 1/(3k^3) + 1/(5k^5) - ...)
Fixed arctan_inverse(std::uint32_t k, std::uint32_t factor, std::size_t limbs) {
  Fixed sum(limbs, 0), power(limbs, 0), term(limbs, 0);
  power[0] = factor;
  divide(power, k);  // factor / k
  const std::uint32_t k2 = k * k;
  for (std::uint32_t n = 1; !is_zero(power); n += 2) {
    term = power;
    divide(term, n);
    if ((n / 2) % 2 == 0) add(sum, term); else subtract(sum, term);
    divide(power, k2);
  }
  return sum;
}

}  // namespace

std::string pi_digits(int decimals) {
  if (decimals < 1 || decimals > max_pi_decimals)
    throw std::invalid_argument("pi_digits: ask for 1 to " + std::to_string(max_pi_decimals) + " decimals");
  // Guard limbs absorb the truncation error of every division.
  const std::size_t limbs = static_cast<std::size_t>(decimals) / 4 + 4;
  Fixed pi = arctan_inverse(5, 16, limbs);
  subtract(pi, arctan_inverse(239, 4, limbs));
  std::string all = std::to_string(pi[0]) + ".";
  char four[8];
  for (std::size_t i = 1; i < limbs; ++i) {
    std::snprintf(four, sizeof four, "%04u", static_cast<unsigned>(pi[i]));
    all += four;
  }
  // Round half up at the last decimal kept (pi's digits never make this a tie).
  std::string kept = all.substr(0, 2 + static_cast<std::size_t>(decimals));
  if (all[kept.size()] >= '5') {
    for (std::size_t i = kept.size(); i-- > 0;) {
      if (kept[i] == '.') continue;
      if (kept[i] != '9') { ++kept[i]; break; }
      kept[i] = '0';
    }
  }
  return kept;
}

}  // namespace looplab::executor
