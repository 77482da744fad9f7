#include "database/pool.hpp"

#include <algorithm>
#include <mutex>

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>

#include "database/errors.hpp"

namespace looplab::db {

// Lives as long as any lease does, so a request finishing after the pool is gone
// (server shutdown) still has somewhere to return its connection.
//
// Requests on every event loop share it: `mutex` guards everything below `settings`,
// held only between suspensions, never across a co_await. A connection is used by one
// request at a time (its lease), from whichever loop that request runs on; a waiter's
// timer is woken on its own loop (a post), never touched from another thread.
struct Pool::Shared {
  PoolSettings settings;
  mutable std::mutex mutex;
  std::deque<std::unique_ptr<AsyncConnection>> idle;
  std::size_t open = 0;
  std::deque<std::shared_ptr<asio::steady_timer>> waiters;
  bool shut_down = false;
  bool reachable = false;
  bool ever_connected = false;
  std::string last_error;
  std::uint64_t finished = 0, failed = 0, cancelled = 0;
  std::string last_reported;
  std::chrono::steady_clock::time_point reported_at{};
  // PQcancel blocks briefly (it opens its own connection): it runs here, not on the loop.
  asio::thread_pool cancel_thread{1};

  void note_failure(const std::string& what) {
    std::lock_guard lock(mutex);
    reachable = false;
    last_error = what;
    // The same failure, request after request, is logged once every 30 s.
    auto now = std::chrono::steady_clock::now();
    if (settings.report_problem && (what != last_reported || now - reported_at > std::chrono::seconds(30))) {
      settings.report_problem(what);
      last_reported = what;
      reported_at = now;
    }
  }

  // With `mutex` held.
  static void wake(const std::shared_ptr<asio::steady_timer>& waiter) {
    asio::post(waiter->get_executor(), [waiter] { waiter->cancel(); });
  }

  void wake_all() {
    for (auto& waiter : waiters) wake(waiter);
    waiters.clear();
  }

  void give_back(std::unique_ptr<AsyncConnection> conn) {
    std::lock_guard lock(mutex);
    if (conn && !shut_down && conn->still_usable()) {
      idle.push_back(std::move(conn));
    } else {
      conn.reset();
      --open;
    }
    wake_next();
  }

  // Hands the turn to the first waiter. A waiter that was woken but leaves instead (its
  // client went away at the same moment) calls this again, so a free connection never
  // sits idle while others wait. With `mutex` held.
  void wake_next() {
    if (waiters.empty() || (idle.empty() && open >= settings.max_connections)) return;
    wake(waiters.front());
    waiters.pop_front();
  }

  void count(std::uint64_t& counter) {
    std::lock_guard lock(mutex);
    ++counter;
  }
};

class Pool::Lease {
 public:
  Lease(std::shared_ptr<Shared> shared, std::unique_ptr<AsyncConnection> conn, bool reused)
      : shared_(std::move(shared)), conn_(std::move(conn)), reused_(reused) {}
  Lease(Lease&&) noexcept = default;
  Lease& operator=(Lease&&) = delete;
  ~Lease() {
    if (shared_) shared_->give_back(std::move(conn_));
  }
  AsyncConnection& operator*() { return *conn_; }
  bool reused() const { return reused_; }

 private:
  std::shared_ptr<Shared> shared_;
  std::unique_ptr<AsyncConnection> conn_;
  bool reused_;
};

Pool::Pool(PoolSettings settings) : shared_(std::make_shared<Shared>()) {
  shared_->settings = std::move(settings);
  if (shared_->settings.max_connections == 0) shared_->settings.max_connections = 1;
}

Pool::~Pool() { shut_down(); }

void Pool::shut_down() {
  std::lock_guard lock(shared_->mutex);
  shared_->shut_down = true;
  shared_->open -= shared_->idle.size();
  shared_->idle.clear();
  shared_->wake_all();
}

const PoolSettings& Pool::settings() const { return shared_->settings; }

PoolStatus Pool::status() const {
  const auto& s = *shared_;
  std::lock_guard lock(s.mutex);
  PoolStatus out;
  out.max_connections = s.settings.max_connections;
  out.open = s.open;
  out.idle = s.idle.size();
  out.waiting = s.waiters.size();
  out.reachable = s.reachable;
  out.ever_connected = s.ever_connected;
  out.last_error = s.last_error;
  out.queries_finished = s.finished;
  out.queries_failed = s.failed;
  out.queries_cancelled = s.cancelled;
  return out;
}

asio::awaitable<Pool::Lease> Pool::acquire(bool fresh, CancelRequest& cancel) {
  auto shared = shared_;
  auto executor = co_await asio::this_coro::executor;
  for (;;) {
    std::unique_lock lock(shared->mutex);
    if (shared->shut_down) throw ShuttingDown("the server is shutting down");
    if (cancel.requested()) throw QueryCancelled(cancel.reason());
    if (fresh) {
      // Idle connections opened before a database restart are all dead alike.
      shared->open -= shared->idle.size();
      shared->idle.clear();
    }
    while (!shared->idle.empty()) {
      auto conn = std::move(shared->idle.front());
      shared->idle.pop_front();
      if (conn->still_usable()) co_return Lease(shared, std::move(conn), true);
      --shared->open;
    }
    if (shared->open < shared->settings.max_connections) {
      ++shared->open;
      lock.unlock();
      try {
        // The client may leave while the name is looked up or the connection is made.
        auto conn =
            co_await AsyncConnection::open(shared->settings.connection, shared->settings.connect_timeout, &cancel);
        {
          std::lock_guard connected(shared->mutex);
          shared->ever_connected = true;
        }
        co_return Lease(shared, std::move(conn), false);
      } catch (const DatabaseUnavailable& e) {
        shared->give_back(nullptr);
        shared->note_failure(e.what());
        throw;
      } catch (const QueryCancelled&) {
        shared->give_back(nullptr);
        throw;
      }
    }
    if (shared->waiters.size() >= shared->settings.max_waiting)
      throw PoolBusy(std::to_string(shared->waiters.size()) + " requests are already waiting for the database");
    auto timer =
        std::make_shared<asio::steady_timer>(executor, asio::steady_timer::time_point::max());
    shared->waiters.push_back(timer);
    lock.unlock();
    // A client that leaves stops waiting at once, and its place in the queue goes.
    // (A wake posted from another loop cannot run before this wait starts: it runs
    // on this loop, which is busy here until the coroutine suspends.)
    cancel.arm([weak = std::weak_ptr<asio::steady_timer>(timer)] {
      if (auto waiting = weak.lock()) waiting->cancel();
    });
    boost::system::error_code ignored;
    co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    cancel.disarm();
    lock.lock();
    auto& queue = shared->waiters;
    queue.erase(std::remove(queue.begin(), queue.end(), timer), queue.end());
    if (cancel.requested() && !shared->shut_down) {
      shared->wake_next();  // this waiter may have been handed the turn: pass it on
      throw QueryCancelled(cancel.reason());
    }
  }
}

template <class Result, class Operation>
asio::awaitable<Result> Pool::with_connection(Operation operation, CancelRequest& cancel) {
  auto shared = shared_;
  for (int attempt = 0;; ++attempt) {
    Lease lease = co_await acquire(attempt > 0, cancel);
    try {
      Result result = co_await operation(*lease);
      {
        std::lock_guard lock(shared->mutex);
        shared->reachable = true;
      }
      co_return result;
    } catch (const DatabaseUnavailable& e) {
      shared->note_failure(e.what());
      // Read-only queries are safe to repeat; only a reused connection earns a retry.
      if (attempt == 0 && lease.reused()) continue;
      throw;
    }
  }
}

std::function<void(std::function<void()>)> Pool::blocking_runner() const {
  return [weak = std::weak_ptr<Shared>(shared_)](std::function<void()> job) {
    if (auto alive = weak.lock()) asio::post(alive->cancel_thread, std::move(job));
  };
}

asio::awaitable<StreamedRows> Pool::count_rows(std::string_view select_sql, CancelRequest cancel) {
  auto shared = shared_;
  auto run_blocking = blocking_runner();
  try {
    auto rows = co_await with_connection<StreamedRows>(
        [&](AsyncConnection& conn) { return conn.count_rows(select_sql, cancel, run_blocking); }, cancel);
    shared->count(shared->finished);
    co_return rows;
  } catch (const QueryCancelled&) {
    shared->count(shared->cancelled);
    throw;
  } catch (const PoolBusy&) {
    throw;
  } catch (const ShuttingDown&) {
    throw;
  } catch (...) {
    shared->count(shared->failed);
    throw;
  }
}

asio::awaitable<std::optional<std::string>> Pool::single_value(std::string_view sql, CancelRequest cancel) {
  auto run_blocking = blocking_runner();
  co_return co_await with_connection<std::optional<std::string>>(
      [&](AsyncConnection& conn) { return conn.single_value(sql, cancel, run_blocking); }, cancel);
}

}  // namespace looplab::db
