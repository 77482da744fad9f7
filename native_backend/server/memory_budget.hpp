#pragma once
// How many connections fit in the memory the server may use. Each open connection
// can hold, at worst, a request header of --header-limit bytes twice over (the bytes
// as read, and the parsed fields) plus its coroutine frames, socket and session; the
// rest of the process (code, the log buffers, the database pool) is a fixed reserve.
// A live stream holds more than its connection (its send queue, and the kernel's send
// buffer, which is charged to the container too), so a share of the budget is set
// aside for streams and the connections are fitted to the rest.
// tests/backend/connection_limits_test.py holds the cap's worth of such connections
// and measures the resident size against the limit; stream_limits_test.py does the
// same for streams.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace looplab::backend {

inline constexpr std::uint64_t memory_reserve_bytes = 16ull << 20;
inline constexpr std::uint64_t per_connection_overhead_bytes = 16ull << 10;

// Streams may use a quarter of what is left after the reserve; connections the rest.
inline constexpr std::uint64_t stream_share_divisor = 4;

// Worst-case bytes one open connection holds.
std::uint64_t worst_case_connection_bytes(std::uint32_t header_limit);

// Connections that fit in `memory` bytes beside the streams' share (at least 1).
std::size_t connections_fitting(std::uint64_t memory, std::uint32_t header_limit);

// Streams that fit in the streams' share of `memory` when each holds `stream_bytes`
// on top of its connection (at least 1).
std::size_t streams_fitting(std::uint64_t memory, std::uint64_t stream_bytes);

// The memory limit of the container (cgroup v2 memory.max, or v1's limit_in_bytes),
// or nothing when there is none. `cgroup_root` is for tests.
std::optional<std::uint64_t> container_memory_limit(const std::string& cgroup_root = "/sys/fs/cgroup");

// "256MiB", "256m", "1G", "1.5GiB", "65536": bytes; nothing when it is not a size.
std::optional<std::uint64_t> parse_byte_size(std::string_view text);

// "256 MiB", "40 MiB", "1.5 GiB", "100 KiB": for log lines.
std::string describe_bytes(std::uint64_t bytes);

}  // namespace looplab::backend
