// looplab-citydb: builds (or confirms) the slow-query lesson's database.
//   looplab-citydb [--copies N] [--force] [--check] [--data DIR] [--db-host H] [--db-port P]
//                  [--db-name D] [--db-user U] [--db-password W] [--reader-user R] [--reader-password P]
// Each flag also reads LOOPLAB_<UPPER_SNAKE> from the environment (LOOPLAB_DB_COPIES for --copies).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "citydb/city_data.hpp"
#include "citydb/city_database_builder.hpp"
#include "database/connection_settings.hpp"
#include "citydb/reader_role.hpp"
#include "citydb/slow_queries.hpp"

namespace {

using looplab::citydb::BuildProgress;

// The builder creates tables and roles: it connects as the superuser (the backend's
// settings default to the read-only role).
looplab::db::ConnectionSettings as_superuser() {
  looplab::db::ConnectionSettings settings;
  settings.user = "postgres";
  return settings;
}

struct Options {
  looplab::db::ConnectionSettings db = as_superuser();
  std::string reader_user = looplab::citydb::default_reader_role;
  std::string reader_password;  // set: the reader role is created or updated
  int copies = 1400;
  bool force = false;
  bool check = false;
  bool print_queries = false;
  std::string data_folder = looplab::citydb::bundled_data_folder().string();
};

const char* usage =
    "usage: looplab-citydb [--copies N] [--force] [--check] [--data DIR]\n"
    "                      [--db-host H] [--db-port P] [--db-name D] [--db-user U] [--db-password W]\n"
    "  Builds the slow-query database: the city list repeated N times (default 1400).\n"
    "  Nothing is done when a finished build with N copies is already there.\n"
    "  --check   only report: exit 0 when a finished build with N copies exists, 1 otherwise.\n"
    "  --print-queries   print the lesson's queries as JSON {name: sql} and exit (no database needed).\n"
    "  --reader-password P   create or update the backend's read-only role (--reader-user,\n"
    "                    default looplab_reader) with this password; it may only SELECT the tables.\n"
    "  Environment: LOOPLAB_DB_COPIES, LOOPLAB_DB_HOST, LOOPLAB_DB_PORT, LOOPLAB_DB_NAME,\n"
    "  LOOPLAB_DB_USER, LOOPLAB_DB_PASSWORD, LOOPLAB_DB_READER_USER, LOOPLAB_DB_READER_PASSWORD (flags win).\n";

int parse_int(const std::string& flag, const std::string& text) {
  try {
    std::size_t used = 0;
    const int v = std::stoi(text, &used);
    if (used == text.size()) {
      return v;
    }
  } catch (const std::exception&) {}
  throw std::invalid_argument(flag + " expects a whole number, not '" + text + "'");
}

void apply(Options& o, const std::string& key, const std::string& value) {
  if (key == "copies")
    o.copies = parse_int("--copies", value);
  else if (key == "data")
    o.data_folder = value;
  else if (key == "db-host")
    o.db.host = value;
  else if (key == "db-port")
    o.db.port = parse_int("--db-port", value);
  else if (key == "db-name")
    o.db.name = value;
  else if (key == "db-user")
    o.db.user = value;
  else if (key == "db-password")
    o.db.password = value;
  else if (key == "reader-user")
    o.reader_user = value;
  else if (key == "reader-password")
    o.reader_password = value;
  else
    throw std::invalid_argument("unknown option --" + key);
}

Options parse(int argc, char** argv) {
  Options o;
  const std::pair<const char*, const char*> env[] = {
      {"LOOPLAB_DB_COPIES", "copies"}, {"LOOPLAB_DB_HOST", "db-host"}, {"LOOPLAB_DB_PORT", "db-port"},
      {"LOOPLAB_DB_NAME", "db-name"},  {"LOOPLAB_DB_USER", "db-user"}, {"LOOPLAB_DB_PASSWORD", "db-password"},
      {"LOOPLAB_DB_READER_USER", "reader-user"}, {"LOOPLAB_DB_READER_PASSWORD", "reader-password"},
  };
  for (const auto& [var, key] : env) {
    if (const char* v = std::getenv(var); v && *v) apply(o, key, v);
  }
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << usage;
      std::exit(0);
    }
    if (arg == "--force") {
      o.force = true;
      continue;
    }
    if (arg == "--check") {
      o.check = true;
      continue;
    }
    if (arg == "--print-queries") {
      o.print_queries = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) throw std::invalid_argument("unexpected argument '" + arg + "'");
    std::string key = arg.substr(2), value;
    if (const auto eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key.resize(eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      throw std::invalid_argument(arg + " needs a value");
    }
    apply(o, key, value);
  }
  return o;
}

// A bar redrawn in place on a terminal; a few plain lines when stderr is a file.
class ProgressBar {
 public:
  void operator()(const BuildProgress& p) {
    const bool tty = isatty(STDERR_FILENO);
    switch (p.step) {
      case BuildProgress::Step::load: {
        const int percent = p.copies_total ? p.copies_loaded * 100 / p.copies_total : 100;
        if (tty) {
          const int filled = percent * 30 / 100;
          std::fprintf(stderr, "\r  loading cities [%-30s] %3d%%  %d/%d copies", std::string(filled, '#').c_str(),
                       percent, p.copies_loaded, p.copies_total);
        } else if (percent / 25 != last_quarter_) {
          last_quarter_ = percent / 25;
          std::fprintf(stderr, "  loading cities: %d%% (%d/%d copies)\n", percent, p.copies_loaded, p.copies_total);
        }
        break;
      }
      case BuildProgress::Step::vacuum_analyze:
        std::fprintf(stderr, "%s  VACUUM ANALYZE...\n", tty ? "\n" : "");
        break;
      case BuildProgress::Step::verify:
        std::fprintf(stderr, "  checking the row counts of R1, R2, R3...\n");
        break;
      case BuildProgress::Step::done:
        break;
    }
    std::fflush(stderr);
  }

 private:
  int last_quarter_ = -1;
};

}  // namespace

int main(int argc, char** argv) {
  Options options;
  try {
    options = parse(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "looplab-citydb: " << e.what() << "\n" << usage;
    return 2;
  }
  if (options.print_queries) {
    nlohmann::json queries = nlohmann::json::object();
    for (const auto& q : looplab::citydb::slow_queries()) queries[std::string(q.name)] = q.sql;
    std::cout << queries.dump(2) << "\n";
    return 0;
  }
  const auto params = options.db.libpq_params();
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdbParams(params.keywords.data(), params.values.data(), 0),
                                                    &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    std::cerr << "looplab-citydb: cannot connect to PostgreSQL at " << options.db.describe() << ": "
              << PQerrorMessage(conn.get());
    return 1;
  }
  try {
    if (options.check) {
      const auto copies = looplab::citydb::completed_copies(conn.get());
      if (copies)
        std::cout << "finished build with " << *copies << " copies\n";
      else
        std::cout << "no finished build\n";
      return copies == options.copies ? 0 : 1;
    }
    const auto data = looplab::citydb::load_city_data(options.data_folder);
    ProgressBar bar;
    if (!options.reader_password.empty())
      looplab::citydb::ensure_reader_role(conn.get(), options.reader_user, options.reader_password);
    looplab::citydb::BuildOptions build{options.copies, options.force, options.reader_user, std::ref(bar)};
    const auto rep = looplab::citydb::ensure_city_database(conn.get(), data, build);
    if (!rep.rebuilt) {
      std::cerr << "looplab-citydb: the database already holds " << rep.copies << " copies ("
                << rep.copies * static_cast<long long>(data.cities.size()) << " cities); nothing to do\n";
    } else {
      std::fprintf(stderr,
                   "looplab-citydb: built %d copies (%lld cities) in %.2f s "
                   "(load %.2f s, VACUUM ANALYZE %.2f s, check %.2f s)\n",
                   rep.copies, static_cast<long long>(rep.city_rows), rep.total_s, rep.load_s, rep.vacuum_analyze_s,
                   rep.verify_s);
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "\nlooplab-citydb: " << e.what() << "\n";
    return 1;
  }
}
