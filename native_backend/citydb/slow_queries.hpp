#pragma once
// The three named queries of the seed's database scenario. Only these ever run:
// a client names one, it never sends SQL.
#include <array>
#include <cstdint>
#include <string_view>

namespace looplab::citydb {

struct SlowQuery {
  std::string_view name;
  std::string_view sql;
  std::int64_t rows_per_copy;  // rows returned per copy of the city list
};

const std::array<SlowQuery, 3>& slow_queries();

// nullptr when no query has that name.
const SlowQuery* find_slow_query(std::string_view name);

}  // namespace looplab::citydb
