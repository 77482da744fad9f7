// The connection cap that fits a memory limit, and reading the limit and sizes.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "server/memory_budget.hpp"

using namespace looplab::backend;

TEST_CASE("the compose file's 256 MiB fits about five thousand worst-case connections") {
  auto fits = connections_fitting(256ull << 20, 16384);
  CHECK(fits == (240ull << 20) / (2 * 16384 + 16384));
  CHECK(fits > 4000);
  CHECK(fits < 6000);
  CHECK(connections_fitting(1 << 20, 16384) == 1);  // below the reserve: still one
}

TEST_CASE("sizes read the way people write them") {
  CHECK(parse_byte_size("256MiB") == 256ull << 20);
  CHECK(parse_byte_size("256m") == 256ull << 20);
  CHECK(parse_byte_size("1.5 GiB") == 3ull << 29);
  CHECK(parse_byte_size("65536") == 65536u);
  CHECK_FALSE(parse_byte_size("lots"));
  CHECK_FALSE(parse_byte_size("12 parsecs"));
}

TEST_CASE("the cgroup limit: v2's memory.max, v1's limit_in_bytes, none for max") {
  auto root = std::filesystem::temp_directory_path() / "looplab-cgroup-test";
  std::filesystem::create_directories(root / "memory");
  std::ofstream(root / "memory.max") << "268435456\n";
  CHECK(container_memory_limit(root.string()) == 268435456u);
  std::ofstream(root / "memory.max") << "max\n";
  std::ofstream(root / "memory" / "memory.limit_in_bytes") << "9223372036854771712\n";
  CHECK_FALSE(container_memory_limit(root.string()));
  std::filesystem::remove_all(root);
}
