#pragma once
// The two public-fact lists the slow-query lesson's database is made of.
#include <filesystem>
#include <string>
#include <vector>

namespace looplab::citydb {

struct State {
  int id;
  std::string long_name;
  std::string code;
};

struct City {
  std::string name;
  int state_id;
};

struct CityData {
  std::vector<State> states;
  std::vector<City> cities;
};

// Reads brazil_states.csv and brazil_cities.csv from `folder`. Throws
// std::runtime_error naming the file and line when something is malformed.
CityData load_city_data(const std::filesystem::path& folder);

// The copy of the lists that ships with LoopLab (set at build time).
std::filesystem::path bundled_data_folder();

}  // namespace looplab::citydb
