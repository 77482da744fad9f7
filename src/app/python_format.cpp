#include "app/python_format.h"

#include <cmath>

#include "ui/parameter_rules.h"

namespace looplab::app {

std::string python_float(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string text = ui::short_number(value);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

std::string python_elapsed(double seconds) {
  if (!std::isfinite(seconds)) return python_float(seconds);
  return python_float(std::round(seconds * 1e9) / 1e9);
}

std::string grouped(std::int64_t n) {
  const std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace looplab::app
