// Awaiting I/O from scenario code. `co_await request("/slow?seconds=2", 2.0)` is an
// aiohttp-style call: the task waits, the loop stays free. `co_await blocking_request(...)`
// is the requests-style call inside async def: the task holds the loop until the answer
// comes. Both go through the loop's IoDriver (simulated on the virtual clock, real fetches
// in the browser) and throw IoError when the transport fails.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "looplab/waiter.hpp"
#include "looplab/io.hpp"

namespace looplab {

class IoWait {
 public:
  explicit IoWait(IoRequest request);
  IoWait(const IoWait&) = delete;
  IoWait& operator=(const IoWait&) = delete;
  bool await_ready() const noexcept { return false; }
  void await_suspend(coro::coroutine_handle<> h);
  IoResult await_resume();

 private:
  static void completed(void* self, std::uintptr_t);
  static void on_cancel(void* owner, Waiter& future);
  IoRequest request_;
  Waiter future_;
  IoOpId op_ = 0;
  EventLoop* loop_ = nullptr;
};

class BlockingIo {
 public:
  explicit BlockingIo(IoRequest request) : request_(std::move(request)) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(coro::coroutine_handle<> h);
  IoResult await_resume();

 private:
  IoRequest request_;
  IoOpId op_ = 0;
  EventLoop* loop_ = nullptr;
};

inline IoRequest http_request(std::string target, double simulated_seconds) {
  IoRequest r;
  r.kind = IoKind::http_request;
  r.target = std::move(target);
  r.simulated_seconds = simulated_seconds;
  return r;
}
inline IoRequest db_query(std::string sql, double simulated_seconds, std::uint32_t simulated_rows) {
  IoRequest r;
  r.kind = IoKind::db_query;
  r.target = std::move(sql);
  r.simulated_seconds = simulated_seconds;
  r.simulated_rows = simulated_rows;
  return r;
}

inline IoWait io(IoRequest request) { return IoWait(std::move(request)); }
inline IoWait request(std::string target, double simulated_seconds) {
  return IoWait(http_request(std::move(target), simulated_seconds));
}
inline IoWait query(std::string sql, double simulated_seconds, std::uint32_t simulated_rows) {
  return IoWait(db_query(std::move(sql), simulated_seconds, simulated_rows));
}
inline BlockingIo blocking_io(IoRequest request) { return BlockingIo(std::move(request)); }
inline BlockingIo blocking_request(std::string target, double simulated_seconds) {
  return BlockingIo(http_request(std::move(target), simulated_seconds));
}
inline BlockingIo blocking_query(std::string sql, double simulated_seconds, std::uint32_t simulated_rows) {
  return BlockingIo(db_query(std::move(sql), simulated_seconds, simulated_rows));
}

}  // namespace looplab
