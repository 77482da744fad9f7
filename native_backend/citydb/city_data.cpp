#include "citydb/city_data.hpp"

#include <charconv>
#include <fstream>
#include <stdexcept>

namespace looplab::citydb {
namespace {

// RFC 4180 fields: quotes around a field, "" for a quote inside it. The files have
// CRLF line ends and names such as "Olho d""Água Grande".
std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  if (quoted) {
    throw std::invalid_argument("a quoted field is not closed");
  }
  return fields;
}

int parse_id(const std::string& text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) {
    throw std::invalid_argument("'" + text + "' is not a positive whole number");
  }
  return value;
}

template <typename OnRow>
void read_csv(const std::filesystem::path& file, std::size_t columns, OnRow on_row) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot open " + file.string());
  }
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (number == 1 || line.empty()) {
      continue;  // header
    }
    try {
      auto fields = split_csv_line(line);
      if (fields.size() != columns) {
        throw std::invalid_argument("expected " + std::to_string(columns) + " fields, found " +
                                    std::to_string(fields.size()));
      }
      on_row(fields);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(file.string() + " line " + std::to_string(number) + ": " + e.what());
    }
  }
}

}  // namespace

CityData load_city_data(const std::filesystem::path& folder) {
  CityData data;
  read_csv(folder / "brazil_states.csv", 3, [&](std::vector<std::string>& f) {
    data.states.push_back({parse_id(f[0]), std::move(f[1]), std::move(f[2])});
  });
  read_csv(folder / "brazil_cities.csv", 2, [&](std::vector<std::string>& f) {
    data.cities.push_back({std::move(f[0]), parse_id(f[1])});
  });
  if (data.states.empty() || data.cities.empty()) {
    throw std::runtime_error("no states or no cities found in " + folder.string());
  }
  return data;
}

std::filesystem::path bundled_data_folder() { return LOOPLAB_CITYDB_DATA_DIR; }

}  // namespace looplab::citydb
