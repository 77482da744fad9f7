#include "citydb/slow_queries.hpp"

namespace looplab::citydb {

const std::array<SlowQuery, 3>& slow_queries() {
  // Same text as the seed's clients, so the lesson can show exactly what ran.
  static const std::array<SlowQuery, 3> queries{{
      {"R1",
       "SELECT c.name, s.state FROM cities c\n"
       "JOIN states s ON  c.state_id = s.id\n"
       "WHERE s.state IN (\n"
       "    SELECT state FROM states\n"
       ")\n"
       "ORDER BY s.long_name, c.name",
       5564},
      {"R2",
       "SELECT c.name, s.state FROM cities c\n"
       "JOIN states s ON  c.state_id = s.id\n"
       "WHERE c.name like 'A%'",
       411},
      {"R3",
       "SELECT c.name, s.state FROM cities c\n"
       "JOIN states s ON  c.state_id = s.id\n"
       "WHERE s.state like 'M%' OR s.state like '%P'",
       1950},
  }};
  return queries;
}

const SlowQuery* find_slow_query(std::string_view name) {
  for (const auto& q : slow_queries()) {
    if (q.name == name) {
      return &q;
    }
  }
  return nullptr;
}

}  // namespace looplab::citydb
