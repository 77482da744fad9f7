// The coroutine vocabulary, from <coroutine> where the standard library has it (g++ 12)
// and from <experimental/coroutine> under Emscripten 3.1.6's libc++ 13, which has only that.
#pragma once

#if __has_include(<coroutine>)
#include <coroutine>
namespace looplab::coro {
using std::coroutine_handle;
using std::noop_coroutine;
using std::suspend_always;
using std::suspend_never;
}  // namespace looplab::coro
#else
#include <experimental/coroutine>
namespace looplab::coro {
using std::experimental::coroutine_handle;
using std::experimental::noop_coroutine;
using std::experimental::suspend_always;
using std::experimental::suspend_never;
}  // namespace looplab::coro
#endif
