// The pieces of the slow-query database that need no server: the bundled city lists,
// the three named queries, and how a cancel request reaches a running query.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "citydb/city_data.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "database/cancel_request.hpp"
#include "citydb/slow_queries.hpp"

using namespace looplab;

namespace {

struct TempFolder {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("looplab-citydata-" + std::to_string(::getpid()));
  TempFolder() { std::filesystem::create_directories(path); }
  ~TempFolder() { std::filesystem::remove_all(path); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

}  // namespace

TEST_CASE("the bundled lists hold the 27 federative units and the 5,564 municipalities") {
  const auto data = citydb::load_city_data(citydb::bundled_data_folder());
  CHECK(data.states.size() == 27);
  CHECK(data.cities.size() == 5564);
  CHECK(data.states.front().long_name == "Acre");
  CHECK(data.states.front().code == "AC");
  // CSV quoting: "Olho d""Água das Flores" is one name with a quote inside.
  CHECK(std::any_of(data.cities.begin(), data.cities.end(),
                    [](const citydb::City& c) { return c.name == "Olho d\"Água das Flores" && c.state_id == 2; }));
  // Every city belongs to a listed state, so the join loses none.
  CHECK(std::all_of(data.cities.begin(), data.cities.end(),
                    [](const citydb::City& c) { return c.state_id >= 1 && c.state_id <= 27; }));
}

TEST_CASE("one copy of the list gives the per-copy row counts of R1, R2 and R3") {
  const auto data = citydb::load_city_data(citydb::bundled_data_folder());
  auto code_of = [&](int id) { return data.states.at(static_cast<std::size_t>(id - 1)).code; };
  std::int64_t r2 = 0, r3 = 0;
  for (const auto& c : data.cities) {
    r2 += c.name.rfind("A", 0) == 0;  // LIKE 'A%' is case- and accent-sensitive
    const auto code = code_of(c.state_id);
    r3 += code.front() == 'M' || code.back() == 'P';
  }
  CHECK(static_cast<std::int64_t>(data.cities.size()) == citydb::find_slow_query("R1")->rows_per_copy);
  CHECK(r2 == citydb::find_slow_query("R2")->rows_per_copy);
  CHECK(r3 == citydb::find_slow_query("R3")->rows_per_copy);
}

TEST_CASE("only R1, R2 and R3 exist, with the seed's SQL") {
  CHECK(citydb::slow_queries().size() == 3);
  CHECK(citydb::find_slow_query("R1")->sql.find("ORDER BY s.long_name, c.name") != std::string_view::npos);
  CHECK(citydb::find_slow_query("r1") == nullptr);
  CHECK(citydb::find_slow_query("R4") == nullptr);
  CHECK(citydb::find_slow_query("") == nullptr);
}

TEST_CASE("malformed lists are refused with the file and line") {
  TempFolder folder;
  folder.write("brazil_states.csv", "id,long_name,state\n1,Acre,AC\n");
  SUBCASE("an unclosed quote") {
    folder.write("brazil_cities.csv", "name,state_id\nRio Branco,1\n\"Xapuri,1\n");
    CHECK_THROWS_WITH(citydb::load_city_data(folder.path), doctest::Contains("brazil_cities.csv line 3"));
  }
  SUBCASE("a state id that is not a number") {
    folder.write("brazil_cities.csv", "name,state_id\nRio Branco,one\n");
    CHECK_THROWS_WITH(citydb::load_city_data(folder.path), doctest::Contains("'one' is not a positive whole number"));
  }
  SUBCASE("a missing file") {
    CHECK_THROWS_WITH(citydb::load_city_data(folder.path), doctest::Contains("cannot open"));
  }
}

TEST_CASE("a cancel request reaches the query whenever it is made") {
  int stops = 0;
  SUBCASE("while the query runs: the action runs once") {
    db::CancelRequest cancel;
    cancel.arm([&] { ++stops; });
    cancel.cancel("client gone");
    cancel.cancel("timeout");
    CHECK(stops == 1);
    CHECK(cancel.reason() == "client gone");
  }
  SUBCASE("before the query started: arming runs the action at once") {
    db::CancelRequest cancel;
    cancel.cancel("timeout");
    cancel.arm([&] { ++stops; });
    CHECK(stops == 1);
  }
  SUBCASE("after the query finished: nothing runs") {
    db::CancelRequest cancel;
    cancel.arm([&] { ++stops; });
    cancel.disarm();
    cancel.cancel("late");
    CHECK(stops == 0);
    CHECK(cancel.requested());
  }
  SUBCASE("a timer that fires after the request is gone does nothing") {
    std::weak_ptr<void> weak;
    {
      db::CancelRequest cancel;
      cancel.arm([&] { ++stops; });
      weak = cancel.weak();
    }
    db::CancelRequest::cancel_if_alive(weak, "timeout");
    CHECK(stops == 0);
  }
  SUBCASE("copies share one request") {
    db::CancelRequest cancel;
    db::CancelRequest copy = cancel;
    cancel.arm([&] { ++stops; });
    copy.cancel("client gone");
    CHECK(stops == 1);
    CHECK(cancel.requested());
  }
}
