// The exceptions scenario code sees, named after asyncio's.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>

namespace looplab {

// Deliberately not a std::exception: `catch (const std::exception&)` must not swallow a
// cancellation, just as Python's `except Exception` does not catch asyncio.CancelledError.
struct CancelledError {
  const char* what() const noexcept { return "CancelledError"; }
};

// asyncio.TimeoutError (the builtin TimeoutError since 3.11), raised by wait_for.
struct TimeoutError : std::runtime_error {
  TimeoutError() : std::runtime_error("TimeoutError") {}
};

struct QueueFull : std::runtime_error {
  QueueFull() : std::runtime_error("QueueFull") {}
};

struct QueueEmpty : std::runtime_error {
  QueueEmpty() : std::runtime_error("QueueEmpty") {}
};

// Misuse of the API (releasing an unlocked lock, reading an unfinished task's result...).
struct InvalidStateError : std::logic_error {
  using std::logic_error::logic_error;
};

// A failed I/O operation (connection refused, timeout at the transport...).
struct IoError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An error a scenario raises on purpose, printed like Python's repr: `ValueError('boom')`.
struct ScenarioError : std::runtime_error {
  ScenarioError(std::string type_name, const std::string& message)
      : std::runtime_error(type_name + "('" + message + "')"), type(std::move(type_name)) {}
  std::string type;
};

}  // namespace looplab

namespace looplab {

// The text a trace or a log shows for an exception: what() of a std::exception,
// "CancelledError" for a cancellation.
std::string error_text(const std::exception_ptr& error);
bool is_cancellation(const std::exception_ptr& error);
}  // namespace looplab
