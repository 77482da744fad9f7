#include "looplab/py_value.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "looplab/generator.hpp"

namespace looplab::py {

Generator* Value::generator() const {
  const auto* g = std::get_if<std::shared_ptr<Generator>>(&v_);
  return g != nullptr ? g->get() : nullptr;
}

std::shared_ptr<Generator> Value::generator_ref() const {
  const auto* g = std::get_if<std::shared_ptr<Generator>>(&v_);
  return g != nullptr ? *g : nullptr;
}

std::string Value::type_name() const {
  switch (v_.index()) {
    case 0: return "NoneType";
    case 1: return "int";
    case 2: return "float";
    case 3: return "str";
    default: return "generator";
  }
}

std::string Value::str() const {
  if (const auto* s = std::get_if<std::string>(&v_)) return *s;
  return repr();
}

std::string Value::repr() const {
  switch (v_.index()) {
    case 0: return "None";
    case 1: return std::to_string(as_int());
    case 2: return float_repr(std::get<double>(v_));
    case 3: {
      // Python picks single quotes unless the text holds one and no double quote.
      const auto& s = std::get<std::string>(v_);
      const bool dq = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
      const char q = dq ? '"' : '\'';
      std::string out(1, q);
      for (char c : s) {
        if (c == '\\' || c == q) out += '\\';
        if (c == '\n') { out += "\\n"; continue; }
        out += c;
      }
      return out + q;
    }
    default: return "<generator object " + generator()->name() + ">";
  }
}

bool operator==(const Value& a, const Value& b) {
  if ((a.is_int() || a.is_float()) && (b.is_int() || b.is_float())) {
    if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
    return a.as_float() == b.as_float();
  }
  return a.v_ == b.v_;
}

Value operator+(const Value& a, const Value& b) {
  const bool numbers = (a.is_int() || a.is_float()) && (b.is_int() || b.is_float());
  if (!numbers)
    throw TypeError("unsupported operand type(s) for +: '" + a.type_name() + "' and '" + b.type_name() + "'");
  if (a.is_int() && b.is_int()) return Value(a.as_int() + b.as_int());
  return Value(a.as_float() + b.as_float());
}

std::string float_repr(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  // The fewest significant digits that read back exactly (what CPython's repr finds).
  char sci[40];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(sci, sizeof sci, "%.*e", digits - 1, d);
    if (std::strtod(sci, nullptr) == d) break;
  }
  // sci is "[-]D[.DDD]e[+-]XX": split it into sign, digits and decimal exponent.
  std::string text(sci);
  const std::size_t e = text.find('e');
  const int exponent = std::atoi(text.c_str() + e + 1);
  std::string mantissa = text.substr(0, e);
  const bool negative = mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits;
  for (char c : mantissa)
    if (c != '.') digits += c;
  std::string out = negative ? "-" : "";
  if (exponent < -4 || exponent >= 16) {
    // Scientific, as Python writes it: 1e+16, 1.5e-07 (at least two exponent digits).
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp[16];
    std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return out + exp;
  }
  if (exponent < 0) return out + "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  const auto whole = static_cast<std::size_t>(exponent + 1);
  if (digits.size() <= whole) return out + digits + std::string(whole - digits.size(), '0') + ".0";
  return out + digits.substr(0, whole) + "." + digits.substr(whole);
}

std::string list_repr(const std::vector<Value>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i].repr();
  return out + "]";
}

Exception::Exception(std::string type, std::string message)
    : std::runtime_error(message.empty() ? type : type + ": " + message),
      type_(std::move(type)),
      message_(std::move(message)) {}

// str(StopIteration(v)) is str(v) when a value is given (StopIteration: 5) and empty otherwise.
StopIteration::StopIteration(Value value)
    : Exception("StopIteration", value.is_none() ? "" : value.str()), value_(std::move(value)) {}

}  // namespace looplab::py
