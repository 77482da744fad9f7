#pragma once
// What every live stream shares: its options (--stream-*), its counters for /healthz,
// and the base class of stream endpoints.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "server/config.hpp"
#include "http/endpoint.hpp"
#include "streams/message_stream.hpp"
#include "streams/websocket_origin.hpp"
#include "server/server_context.hpp"

namespace looplab::backend {

struct StreamSettings {
  // Idle time after which SSE sends a comment and WebSocket a ping; a WebSocket peer
  // that sends nothing (not even the pong) for twice this long is cut as dead.
  std::chrono::milliseconds heartbeat{15000};
  // Bytes a stream may hold that the client has not taken yet (queued plus being written).
  std::size_t queue_limit_bytes = 32 * 1024;
  // How long a producer may wait for room in a full queue before the client is cut.
  std::chrono::milliseconds stall_timeout{5000};
  std::chrono::milliseconds write_timeout{60000};  // --write-timeout: one write may take this long
  // Streams open at once (--max-streams, or what the streams' share of the memory
  // limit fits); past it a stream request gets 503. Each also holds a connection slot.
  std::size_t max_streams = 1;
  std::string max_streams_note;  // why that many, for the start-up line
};

// The kernel send buffer a stream asks for: bounded, so a client that stops reading
// fills it (and then the queue) in bounded time and memory.
std::size_t stream_send_buffer_bytes(const StreamSettings& settings);
// Worst-case bytes a stream holds beyond its connection: the send queue, the kernel's
// send buffer (Linux doubles what is asked, and charges it to the container) and a
// transport's frame buffer.
std::uint64_t stream_extra_bytes(const StreamSettings& settings);

// Counters any thread may bump or read.
struct StreamStats {
  std::atomic<std::uint64_t> open{0};
  std::atomic<std::uint64_t> started{0};
  std::atomic<std::uint64_t> messages_sent{0};
  std::atomic<std::uint64_t> cut_slow_readers{0};   // queue full for --stream-stall-timeout
  std::atomic<std::uint64_t> cut_dead_peers{0};     // no pong, or a write that timed out
  std::atomic<std::uint64_t> ended_by_client{0};    // the client closed or vanished
  std::atomic<std::uint64_t> refused_origins{0};    // WebSocket upgrades from another site's page
  std::atomic<std::uint64_t> reserved{0};           // slots held (a stream being set up counts)
  std::atomic<std::uint64_t> refused_at_cap{0};     // 503s past --max-streams
};

class StreamComponent {
 public:
  StreamComponent(StreamSettings settings, OriginPolicy origins, Logger& log)
      : settings_(settings), origins_(std::move(origins)), log_(log) {}
  const StreamSettings& settings() const { return settings_; }
  const OriginPolicy& origins() const { return origins_; }
  StreamStats& stats() const { return stats_; }
  Logger& log() const { return log_; }
  // A stream slot, held for as long as the returned handle lives; nothing when all
  // max_streams are taken. Exact across threads (reserve, then check).
  std::shared_ptr<void> reserve_slot() const;

 private:
  StreamSettings settings_;
  OriginPolicy origins_;
  mutable StreamStats stats_;
  Logger& log_;
};

// What a StreamResponse carries to the session: the producer, and the component.
struct StreamSource {
  StreamProducer produce;
  std::shared_ptr<const StreamComponent> component;
  std::shared_ptr<void> slot;  // from reserve_slot(): released when the stream's reply goes
};

// --stream-heartbeat, --stream-queue-limit, --stream-stall-timeout, --stream-allowed-origins,
// --max-streams.
void add_stream_options(ConfigParser& parser);
// Reads them (throws std::runtime_error with a sentence when one is out of range) and
// adds the "streams" entry of /healthz.
std::shared_ptr<const StreamComponent> add_stream_component(ServerContext& context);

// Base of endpoints that stream: handle() validates the request and answers an error
// as usual, or returns stream(request, producer).
class StreamEndpoint : public Endpoint {
 protected:
  explicit StreamEndpoint(std::shared_ptr<const StreamComponent> streams) : streams_(std::move(streams)) {}
  // Server-sent events, or WebSocket when the request asks for the upgrade (403 when
  // the upgrade comes from another site's page: see OriginPolicy; 503 and a sentence
  // when --max-streams are open).
  Response stream(const Request& request, StreamProducer producer) const;

 private:
  std::shared_ptr<const StreamComponent> streams_;
};

}  // namespace looplab::backend
