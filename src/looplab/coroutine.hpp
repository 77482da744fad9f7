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

// Clang 14's optimiser (Emscripten 3.1.6, native wasm exceptions) loses the catch of a try
// block around a co_await inside a loop of a coroutine: the exception escapes the coroutine
// altogether (seen at -O1 and above, not at -O0; natively all is well). Such coroutines are
// marked with this, which compiles them unoptimised under Emscripten only.
#if defined(__wasm__) && defined(__clang__)
#define LOOPLAB_WASM_EH_SAFE [[clang::optnone]]
#else
#define LOOPLAB_WASM_EH_SAFE
#endif
