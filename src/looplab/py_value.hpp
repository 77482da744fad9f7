// Python values as the generator machine needs them: None, int, float, str and a generator
// object, with Python's str()/repr() texts and the exceptions Python raises, worded as
// CPython words them (the differential suite in tests/generators compares them exactly).
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace looplab::py {

class Generator;

struct None {
  friend bool operator==(None, None) { return true; }
};

class Value {
 public:
  Value() = default;  // None
  Value(None) {}
  Value(int v) : v_(static_cast<std::int64_t>(v)) {}
  Value(std::int64_t v) : v_(v) {}
  Value(double v) : v_(v) {}
  Value(const char* v) : v_(std::string(v)) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(std::shared_ptr<Generator> g) : v_(std::move(g)) {}

  bool is_none() const { return std::holds_alternative<None>(v_); }
  bool is_int() const { return std::holds_alternative<std::int64_t>(v_); }
  bool is_float() const { return std::holds_alternative<double>(v_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(v_); }
  double as_float() const { return is_int() ? double(as_int()) : std::get<double>(v_); }
  // Null unless the value is a generator object.
  Generator* generator() const;
  std::shared_ptr<Generator> generator_ref() const;

  // type(v).__name__: what Python's TypeErrors name.
  std::string type_name() const;
  std::string str() const;   // str(v), what print shows
  std::string repr() const;  // repr(v), what the REPL echoes and a list shows

  friend bool operator==(const Value& a, const Value& b);

 private:
  std::variant<None, std::int64_t, double, std::string, std::shared_ptr<Generator>> v_;
};

// a + b for numbers as Python does it: int + int stays int, anything with a float is a float.
// Python's ints never overflow; these are 64-bit, which every lesson stays far inside.
Value operator+(const Value& a, const Value& b);

// repr(float): the shortest text that reads back as the same double, in Python's layout
// (36.5, 10.0, 1e+16, 1e-05).
std::string float_repr(double d);
// repr(list): [1, 2]
std::string list_repr(const std::vector<Value>& items);

// A Python exception. what() is the last line of CPython's traceback: "TypeError: <message>",
// or the bare type name when the message is empty ("StopIteration").
class Exception : public std::runtime_error {
 public:
  Exception(std::string type, std::string message);
  const std::string& type() const { return type_; }
  const std::string& message() const { return message_; }

 private:
  std::string type_;
  std::string message_;
};

// A generator's `return value` arrives at its caller as StopIteration carrying the value.
class StopIteration : public Exception {
 public:
  explicit StopIteration(Value value = {});
  const Value& value() const { return value_; }

 private:
  Value value_;
};

inline Exception TypeError(std::string message) { return Exception("TypeError", std::move(message)); }
inline Exception ValueError(std::string message) { return Exception("ValueError", std::move(message)); }
inline Exception RuntimeError(std::string message) { return Exception("RuntimeError", std::move(message)); }

}  // namespace looplab::py
