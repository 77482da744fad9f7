// Coro<T>: what an `async def` returns. Awaiting it runs it inline, in the awaiting task,
// as `await coro()` does in Python; create_task hands its frame to a task instead. A Coro
// destroyed without being awaited or made a task is reported in the trace, as CPython
// warns "coroutine ... was never awaited".
#pragma once

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "looplab/coroutine.hpp"
#include "looplab/event_loop.hpp"

namespace looplab {

// The result type a gather or a void task hands back in place of `void`.
struct Void {
  bool operator==(const Void&) const { return true; }
};
template <class T> using ValueOf = std::conditional_t<std::is_void_v<T>, Void, T>;

namespace detail {

struct PromiseBase {
  coro::coroutine_handle<> continuation;  // the coroutine awaiting this one inline, if any
  std::exception_ptr error;

  struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    template <class P>
    coro::coroutine_handle<> await_suspend(coro::coroutine_handle<P> h) noexcept {
      coro::coroutine_handle<> next = h.promise().continuation;
      if (next) return next;
      return coro::noop_coroutine();  // a task's outermost coroutine: back to Task::step
    }
    void await_resume() const noexcept {}
  };
  coro::suspend_always initial_suspend() const noexcept { return {}; }
  FinalAwaiter final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept { error = std::current_exception(); }
};

template <class T> struct Promise : PromiseBase {
  std::optional<T> value;
  Coro<T> get_return_object();
  template <class U> void return_value(U&& v) { value.emplace(std::forward<U>(v)); }
  T take() {
    if (error) std::rethrow_exception(error);
    return std::move(*value);
  }
  T peek() const {
    if (error) std::rethrow_exception(error);
    return *value;
  }
};

template <> struct Promise<void> : PromiseBase {
  Coro<void> get_return_object();
  void return_void() {}
  void take() {
    if (error) std::rethrow_exception(error);
  }
  void peek() const {
    if (error) std::rethrow_exception(error);
  }
};

}  // namespace detail

template <class T = void> class [[nodiscard]] Coro {
 public:
  using promise_type = detail::Promise<T>;
  using handle_type = coro::coroutine_handle<promise_type>;

  Coro() = default;
  explicit Coro(handle_type h) : h_(h) {}
  Coro(Coro&& o) noexcept : h_(std::exchange(o.h_, {})), name_(o.name_) {}
  Coro& operator=(Coro&& o) noexcept {
    if (this != &o) {
      drop();
      h_ = std::exchange(o.h_, {});
      name_ = o.name_;
    }
    return *this;
  }
  ~Coro() { drop(); }

  // The name the never-awaited report uses (C++ cannot learn a coroutine's function name).
  Coro&& named(const char* name) && {
    name_ = name;
    return std::move(*this);
  }
  const char* name() const { return name_; }
  bool valid() const { return static_cast<bool>(h_); }

  struct Awaiter {
    handle_type h;
    bool await_ready() const noexcept { return false; }
    coro::coroutine_handle<> await_suspend(coro::coroutine_handle<> caller) noexcept {
      h.promise().continuation = caller;
      return h;
    }
    T await_resume() { return h.promise().take(); }
  };
  // `co_await coro()` runs it inline, as `await coro()` does.
  Awaiter operator co_await() && noexcept { return Awaiter{consume()}; }
  Awaiter operator co_await() & noexcept { return Awaiter{consume()}; }

  // Hands the frame to a task; the Coro no longer owns it.
  handle_type release() {
    awaited_ = true;
    return std::exchange(h_, {});
  }

 private:
  handle_type consume() {
    awaited_ = true;
    return h_;
  }
  void drop() {
    if (!h_) return;
    if (!awaited_) {
      if (EventLoop* loop = current_loop()) loop->report_never_awaited(name_);
    }
    h_.destroy();
    h_ = {};
  }
  handle_type h_;
  const char* name_ = "coroutine";
  bool awaited_ = false;
};

namespace detail {
template <class T> Coro<T> Promise<T>::get_return_object() {
  return Coro<T>(coro::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Coro<void> Promise<void>::get_return_object() {
  return Coro<void>(coro::coroutine_handle<Promise<void>>::from_promise(*this));
}
}  // namespace detail

}  // namespace looplab
