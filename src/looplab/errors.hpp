// The exceptions scenario code sees, named after asyncio's.
#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace looplab {

// Deliberately not a std::exception: `catch (const std::exception&)` must not swallow a
// cancellation, just as Python's `except Exception` does not catch asyncio.CancelledError.
// Carries the message of `task.cancel(msg)`, if one was given.
struct CancelledError {
  std::optional<std::string> message;

  CancelledError() = default;
  explicit CancelledError(std::optional<std::string> msg) : message(std::move(msg)) {}
  const char* what() const noexcept { return "CancelledError"; }
  // As Python's repr: CancelledError() or CancelledError('msg').
  std::string repr() const { return message ? "CancelledError('" + *message + "')" : "CancelledError()"; }
};

// Python's GeneratorExit: thrown at the await a task is suspended on when the task is
// destroyed while still pending (asyncio.run has ended), so its finally blocks run as they
// do when CPython closes the coroutine. Like CancelledError, not a std::exception.
struct GeneratorExit {
  const char* what() const noexcept { return "GeneratorExit"; }
};

// asyncio.TimeoutError (the builtin TimeoutError since 3.11), raised by wait_for,
// asyncio.timeout and as_completed.
struct TimeoutError : std::runtime_error {
  TimeoutError() : std::runtime_error("TimeoutError") {}
};

struct QueueFull : std::runtime_error {
  QueueFull() : std::runtime_error("QueueFull") {}
};

struct QueueEmpty : std::runtime_error {
  QueueEmpty() : std::runtime_error("QueueEmpty") {}
};

// Misuse of the API (releasing an unlocked lock, reading an unfinished task's result,
// notifying a condition without holding its lock...). Python raises RuntimeError or
// InvalidStateError for these.
struct InvalidStateError : std::logic_error {
  using std::logic_error::logic_error;
};

// A failed I/O operation (connection refused, timeout at the transport...).
struct IoError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// asyncio.BrokenBarrierError: a Barrier was aborted or reset while a task waited at it.
struct BrokenBarrierError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An error a scenario raises on purpose, printed like Python's repr: `ValueError('boom')`.
struct ScenarioError : std::runtime_error {
  ScenarioError(std::string type_name, const std::string& message)
      : std::runtime_error(type_name + "('" + message + "')"), type(std::move(type_name)) {}
  std::string type;
};

// ExceptionGroup, as a TaskGroup raises it: every exception its tasks (and its body)
// failed with, in the order they happened. what() reads as Python's str():
// "unhandled errors in a TaskGroup (2 sub-exceptions)".
struct ExceptionGroup : std::runtime_error {
  ExceptionGroup(const std::string& message, std::vector<std::exception_ptr> errors)
      : std::runtime_error(message + " (" + std::to_string(errors.size()) +
                           (errors.size() == 1 ? " sub-exception)" : " sub-exceptions)")),
        exceptions(std::move(errors)) {}
  std::vector<std::exception_ptr> exceptions;
};

}  // namespace looplab

namespace looplab {

// The text a trace or a log shows for an exception: what() of a std::exception,
// "CancelledError" for a cancellation.
std::string error_text(const std::exception_ptr& error);
bool is_cancellation(const std::exception_ptr& error);
}  // namespace looplab
