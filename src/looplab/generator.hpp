// Python generators, modelled beside the asyncio model: the machinery under async/await.
//
// A generator function's body is a C++ coroutine returning GeneratorBody. Where Python
// writes `x = yield v` on line 5, the body writes `Value x = co_yield yield_at(5, v);`; where
// it writes `r = yield from g`, `Value r = co_yield yield_from(5, g);`; `return v` is
// `co_return v;` (every body ends with a co_return, `co_return {};` for None: C++ gives a
// coroutine falling off its end no defined behaviour). Calling the generator function is
// make_generator(name, def_line, body): the frame exists but runs nothing, as in Python.
//
// Generator keeps Python's states (inspect.getgeneratorstate: GEN_CREATED, GEN_SUSPENDED,
// GEN_RUNNING, GEN_CLOSED), the line it is suspended at, and raises what CPython raises, in
// its words. Every step goes into the running loop's trace (a `generator` event and a
// GeneratorStep): which frame resumed, on which line, what went in and what came out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "looplab/coroutine.hpp"
#include "looplab/py_value.hpp"
#include "looplab/trace.hpp"

namespace looplab::py {

struct YieldAt {
  std::uint32_t line;
  Value value;
};
struct YieldFrom {
  std::uint32_t line;
  Value iterable;
};
inline YieldAt yield_at(std::uint32_t line, Value value = {}) { return {line, std::move(value)}; }
inline YieldFrom yield_from(std::uint32_t line, Value iterable) { return {line, std::move(iterable)}; }

class GeneratorBody {
 public:
  struct promise_type;
  using Handle = coro::coroutine_handle<promise_type>;

  // What the frame asked for when it last suspended, and what it gets when resumed.
  struct promise_type {
    enum class Pause : std::uint8_t { none, yielded, delegating };
    Pause pause = Pause::none;
    std::uint32_t line = 0;
    Value out;                   // the yielded value, or the iterable to delegate to
    Value in;                    // what the yield expression evaluates to
    std::exception_ptr thrown;   // raised at the yield instead (a delegate's error, GeneratorExit)
    Value returned;
    std::exception_ptr failed;
    // The bytes the frame was allocated with (its locals, the promise, the resume point):
    // what a suspended generator holds, measured, not estimated.
    std::size_t frame_bytes = std::exchange(allocated_frame_bytes(), 0);  // 0: allocation elided

    static void* operator new(std::size_t bytes) {
      allocated_frame_bytes() = bytes;
      return ::operator new(bytes);
    }
    static void operator delete(void* frame) noexcept { ::operator delete(frame); }
    // The size operator new was last asked for on this thread: the promise, constructed
    // inside the frame right after it is allocated, reads it.
    static std::size_t& allocated_frame_bytes() {
      thread_local std::size_t bytes = 0;
      return bytes;
    }

    struct Resumption {
      promise_type* p;
      bool await_ready() const noexcept { return false; }
      void await_suspend(coro::coroutine_handle<>) const noexcept {}
      Value await_resume() const {
        if (p->thrown) std::rethrow_exception(std::exchange(p->thrown, nullptr));
        return std::move(p->in);
      }
    };

    GeneratorBody get_return_object() { return GeneratorBody(Handle::from_promise(*this)); }
    coro::suspend_always initial_suspend() noexcept { return {}; }
    coro::suspend_always final_suspend() noexcept { return {}; }
    Resumption yield_value(YieldAt y) {
      pause = Pause::yielded;
      line = y.line;
      out = std::move(y.value);
      return {this};
    }
    Resumption yield_value(YieldFrom y) {
      pause = Pause::delegating;
      line = y.line;
      out = std::move(y.iterable);
      return {this};
    }
    void return_value(Value v) { returned = std::move(v); }
    void unhandled_exception() { failed = std::current_exception(); }
  };

  GeneratorBody(GeneratorBody&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  GeneratorBody& operator=(GeneratorBody&&) = delete;
  ~GeneratorBody() {
    if (handle_) handle_.destroy();
  }
  Handle handle() const { return handle_; }

 private:
  explicit GeneratorBody(Handle h) : handle_(h) {}
  Handle handle_;
};

enum class GeneratorState : std::uint8_t { created, suspended, running, closed };
// inspect.getgeneratorstate's names: GEN_CREATED, GEN_SUSPENDED, GEN_RUNNING, GEN_CLOSED.
const char* to_string(GeneratorState state);

// What close() throws into the frame (Python's GeneratorExit).
class GeneratorExit : public Exception {
 public:
  GeneratorExit() : Exception("GeneratorExit", "") {}
};

class Generator {
 public:
  Generator(std::string name, std::uint32_t def_line, GeneratorBody body);
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;
  // The last reference going closes a suspended generator, as CPython's finaliser does
  // (GeneratorExit at its yield: its finally clauses and except GeneratorExit run). An error
  // that close raises is recorded; CPython prints it to stderr as "Exception ignored in".
  ~Generator();

  const std::string& name() const { return name_; }
  GeneratorState state() const { return state_; }
  // gi_frame.f_lineno: the def line until it starts, then the line it is paused on.
  std::uint32_t line() const { return line_; }
  GeneratorId id() const { return id_; }
  // gi_yieldfrom: the generator it delegates to with yield from (null: none).
  Generator* delegate() const { return delegate_.get(); }
  // What this generator holds in memory: the object and its coroutine frame.
  std::size_t bytes_held() const { return sizeof(Generator) + body_.handle().promise().frame_bytes; }

  Value send(Value value);  // gen.send(value)
  Value next();             // next(gen): send(None), recorded as next
  void close();             // gen.close()
  // gen.throw(error): raises `error` at the yield the frame is paused on (inside a yield
  // from, in the delegate first). Returns what the frame yields next; throws StopIteration
  // when it returns, or the error (or another) when it does not catch it. A generator that
  // has not started never runs: the error leaves at once and it is closed; a closed one
  // raises the error as it is.
  template <class E>
  Value throw_in(E error) {
    return throw_exception(std::make_exception_ptr(std::move(error)));
  }
  Value throw_exception(std::exception_ptr error);

 private:
  Value resume(Value value, GeneratorCall call, std::exception_ptr raise = nullptr);
  // Runs the frame until it yields (the value), or finishes (throws StopIteration or its error).
  Value run_frame();
  // The frame paused at a yield from: start (or keep) delegating, passing a sent value or
  // a thrown error on; true with what the delegate yields, false once this frame must run.
  bool delegate_step(Value value, std::exception_ptr raise, Value& out);
  void close_as(GeneratorCall call);
  void record(GeneratorStepKind kind, GeneratorCall call, const std::string& value);

  std::string name_;
  GeneratorBody body_;
  GeneratorState state_ = GeneratorState::created;
  std::uint32_t line_;
  GeneratorId id_ = 0;
  std::shared_ptr<Generator> delegate_;
};

// Calling a generator function: a generator object that has run nothing yet.
Value make_generator(std::string name, std::uint32_t def_line, GeneratorBody body);

// The builtins the lessons use, raising what Python raises for a value that is no generator.
Value next(const Value& iterator);                 // next(it)
Value send(const Value& generator, Value value);   // generator.send(value)
void close(const Value& generator);                // generator.close()
Value throw_exception(const Value& generator, std::exception_ptr error);
template <class E>
Value throw_in(const Value& generator, E error) {  // generator.throw(error)
  return throw_exception(generator, std::make_exception_ptr(std::move(error)));
}
std::vector<Value> list(const Value& iterable);    // list(it): next until StopIteration

}  // namespace looplab::py
