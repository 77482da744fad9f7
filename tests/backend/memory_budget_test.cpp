// The connection cap that fits a memory limit, and reading the limit and sizes.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "server/memory_budget.hpp"

using namespace looplab::backend;

TEST_CASE("the compose file's 256 MiB: three quarters for connections, a quarter for streams") {
  auto fits = connections_fitting(256ull << 20, 16384);
  CHECK(fits == (180ull << 20) / (2 * 16384 + 16384));  // 3,840
  CHECK(fits > 3000);
  CHECK(fits < 5000);
  CHECK(connections_fitting(1 << 20, 16384) == 1);  // below the reserve: still one
  // A stream with the default 32 KiB queue: 32 + 2 x 32 (the doubled send buffer) + 4 KiB.
  CHECK(streams_fitting(256ull << 20, 100 * 1024) == (60ull << 20) / (100 * 1024));  // 614
  CHECK(streams_fitting(1 << 20, 100 * 1024) == 1);
  CHECK(streams_fitting(256ull << 20, 0) > 0);  // a zero size is not a division by zero
}

TEST_CASE("sizes read the way people write them") {
  CHECK(parse_byte_size("256MiB") == 256ull << 20);
  CHECK(parse_byte_size("256m") == 256ull << 20);
  CHECK(parse_byte_size("1.5 GiB") == 3ull << 29);
  CHECK(parse_byte_size("65536") == 65536u);
  CHECK_FALSE(parse_byte_size("lots"));
  CHECK_FALSE(parse_byte_size("12 parsecs"));
  CHECK(describe_bytes(100 * 1024) == "100 KiB");
  CHECK(describe_bytes(40ull << 20) == "40 MiB");
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
