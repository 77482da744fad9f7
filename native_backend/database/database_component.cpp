#include "database/database_component.hpp"

#include "database/slow_query_endpoint.hpp"

namespace looplab::backend {

void add_database_options(ConfigParser& parser) {
  po::options_description group("Database for the slow-query lesson (scripts/postgres.sh start prints these)");
  group.add_options()("db-host", po::value<std::string>(),
                      "PostgreSQL host, or a unix-socket folder (default 127.0.0.1); "
                      "--db-host or --db-port turns the database on")("db-port", po::value<int>(),
                                                                      "PostgreSQL port (default 5432)")(
      "db-name", po::value<std::string>()->default_value("postgres"), "database name")(
      "db-user", po::value<std::string>()->default_value("looplab_reader"),
      "user name: a role that can only read the lesson's tables (scripts/postgres.sh makes it)")(
      "db-password", po::value<std::string>()->default_value("pythonasync"),
      "its password (the default is the local database's, which listens on 127.0.0.1 only)")(
      "db-query-timeout", po::value<double>()->default_value(120),
      "seconds after which a query is cancelled in PostgreSQL")("db-pool-size", po::value<int>()->default_value(4),
                                                                "most connections open to PostgreSQL at once")(
      "db-queue-limit", po::value<int>()->default_value(64),
      "requests that may wait for a free connection at once; past it they get 503 and Retry-After");
  parser.add_options(group);
}

void register_database_endpoints(Router& router, ServerContext& context) {
  const auto& options = context.options;
  std::shared_ptr<db::Pool> pool;
  const double timeout_s = options["db-query-timeout"].as<double>();
  if (!(timeout_s > 0) || timeout_s > 86400) {
    throw std::runtime_error("--db-query-timeout must be between 0 and 86400 seconds");
  }
  const int pool_size = options["db-pool-size"].as<int>();
  if (pool_size < 1 || pool_size > 64) throw std::runtime_error("--db-pool-size must be between 1 and 64");
  const int queue_limit = options["db-queue-limit"].as<int>();
  if (queue_limit < 0 || queue_limit > 100000) throw std::runtime_error("--db-queue-limit must be between 0 and 100000");

  if (options.count("db-host") || options.count("db-port")) {
    db::PoolSettings settings;
    if (options.count("db-host")) settings.connection.host = options["db-host"].as<std::string>();
    if (options.count("db-port")) settings.connection.port = options["db-port"].as<int>();
    if (settings.connection.port < 1 || settings.connection.port > 65535) {
      throw std::runtime_error("--db-port must be between 1 and 65535");
    }
    settings.connection.name = options["db-name"].as<std::string>();
    settings.connection.user = options["db-user"].as<std::string>();
    settings.connection.password = options["db-password"].as<std::string>();
    // A rebuild (looplab-citydb) holds the tables for minutes: a query waiting for
    // them gives up after this and the learner is told so (503, "being rebuilt").
    settings.connection.lock_timeout_ms = 3000;
    settings.max_connections = static_cast<std::size_t>(pool_size);
    settings.max_waiting = static_cast<std::size_t>(queue_limit);
    settings.report_problem = [&log = context.log](const std::string& what) {
      log.error("slow-query database: " + what);
    };
    pool = std::make_shared<db::Pool>(std::move(settings));
    context.log.info("slow-query database: " + pool->settings().connection.describe() + ", up to " +
                     std::to_string(pool_size) + " connections");
    context.shutdown_hooks.push_back([pool] { pool->shut_down(); });
  }

  context.health.add("database", [pool] {
    HealthReport report;
    if (!pool) {
      report.details = {{"configured", false}, {"hint", "start LoopLab with ./looplab start"}};
      return report;
    }
    const db::PoolStatus s = pool->status();
    // Unknown until first used; a failure makes it degraded until a query works again.
    // Who and where the database is, and libpq's messages, are in the log, not here.
    report.healthy = s.reachable || s.last_error.empty();
    report.details = {
        {"configured", true},
        {"reachable", s.reachable},
        {"connections_open", s.open},
        {"connections_idle", s.idle},
        {"connections_max", s.max_connections},
        {"requests_waiting", s.waiting},
        {"queries_finished", s.queries_finished},
        {"queries_failed", s.queries_failed},
        {"queries_cancelled", s.queries_cancelled},
    };
    if (!s.last_error.empty() && !s.reachable) report.details["problem"] = "the lesson database is not reachable";
    return report;
  });

  router.add("/slow-query", {http::verb::get},
             std::make_unique<SlowQueryEndpoint>(
                 pool, std::chrono::milliseconds(static_cast<std::int64_t>(timeout_s * 1000))));
}

}  // namespace looplab::backend
