#include "streams/stream_component.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "http/responses.hpp"
#include "server/memory_budget.hpp"
#include "streams/stream_transports.hpp"

namespace looplab::backend {
namespace {

std::chrono::milliseconds seconds_setting(const po::variables_map& options, const char* name, double lowest) {
  double seconds = options[name].as<double>();
  if (!std::isfinite(seconds) || seconds < lowest || seconds > 86400)
    throw std::runtime_error(std::string("--") + name + " must be a number of seconds from " +
                             std::to_string(lowest).substr(0, 4) + " to 86400");
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(seconds * 1000)));
}

// The cap: --max-streams when given (lowered to what the memory fits), else what the
// streams' share of the memory limit fits, else the connection cap.
void fit_streams(StreamSettings& settings, const ServerConfig& config, std::uint64_t asked) {
  std::string given = asked ? "lowered from --max-streams " + std::to_string(asked) + ": " : std::string();
  if (config.memory_limit) {
    std::size_t fits = streams_fitting(*config.memory_limit, stream_extra_bytes(settings));
    std::string why = std::to_string(fits) + " streams of " + describe_bytes(stream_extra_bytes(settings)) +
                      " fit a quarter of " + describe_bytes(*config.memory_limit);
    if (asked && asked <= fits) {
      settings.max_streams = static_cast<std::size_t>(asked);
      settings.max_streams_note = "--max-streams";
    } else {
      settings.max_streams = fits;
      settings.max_streams_note = (asked ? given : std::string()) + why;
    }
  } else if (asked) {
    settings.max_streams = static_cast<std::size_t>(asked);
    settings.max_streams_note = "--max-streams";
  } else {
    settings.max_streams = config.max_connections;
    settings.max_streams_note = "the connection cap (no memory limit known)";
  }
}

constexpr std::string_view streams_busy_sentence =
    "The server is busy: every live stream it can hold is open (--max-streams); try again in a moment, please.";

}  // namespace

std::size_t stream_send_buffer_bytes(const StreamSettings& settings) {
  return std::max<std::size_t>(settings.queue_limit_bytes, 16 * 1024);
}

std::uint64_t stream_extra_bytes(const StreamSettings& settings) {
  return settings.queue_limit_bytes + 2ull * stream_send_buffer_bytes(settings) + 4 * 1024;
}

std::shared_ptr<void> StreamComponent::reserve_slot() const {
  if (stats_.reserved.fetch_add(1, std::memory_order_acq_rel) >= settings_.max_streams) {
    stats_.reserved.fetch_sub(1, std::memory_order_acq_rel);
    return nullptr;
  }
  // The handle owns nothing; its deleter gives the slot back. (It points at the counters
  // so that it tests true: a shared_ptr holding nullptr is false even with a deleter.)
  return std::shared_ptr<void>(static_cast<void*>(&stats_),
                               [](void* stats) { static_cast<StreamStats*>(stats)->reserved.fetch_sub(1, std::memory_order_acq_rel); });
}

void add_stream_options(ConfigParser& parser) {
  po::options_description group("Live streams (server-sent events and WebSocket, e.g. /ticks)");
  group.add_options()("stream-heartbeat", po::value<double>()->default_value(15),
                      "seconds of silence after which a stream sends a heartbeat (an SSE comment, a "
                      "WebSocket ping); a WebSocket client silent for twice this long is cut")(
      "stream-queue-limit", po::value<std::string>()->default_value("32KiB"),
      "bytes a stream may hold for a client that has not read them yet (e.g. 32KiB)")(
      "stream-stall-timeout", po::value<double>()->default_value(5),
      "seconds a full send queue may stay full before its client is cut as too slow")(
      "stream-allowed-origins", po::value<std::string>()->default_value(""),
      "pages, besides this server's own, that may open WebSocket streams: a comma-separated "
      "list of origins such as http://class.example:8080, or * for any page")(
      "max-streams", po::value<std::uint64_t>()->default_value(0),
      "live streams open at once, past which a stream request gets 503; 0 = what a quarter of "
      "--memory-limit fits (each stream holds its queue and socket buffers), or the connection cap");
  parser.add_options(group);
}

std::shared_ptr<const StreamComponent> add_stream_component(ServerContext& context) {
  const auto& options = context.options;
  StreamSettings settings;
  settings.heartbeat = seconds_setting(options, "stream-heartbeat", 0.05);
  settings.stall_timeout = seconds_setting(options, "stream-stall-timeout", 0.05);
  settings.write_timeout = context.config.write_timeout;
  auto text = options["stream-queue-limit"].as<std::string>();
  auto bytes = parse_byte_size(text);
  if (!bytes || *bytes < 1024 || *bytes > (64ull << 20))
    throw std::runtime_error("--stream-queue-limit must be a size from 1KiB to 64MiB (got '" + text + "')");
  settings.queue_limit_bytes = static_cast<std::size_t>(*bytes);

  OriginPolicy origins(options["stream-allowed-origins"].as<std::string>());
  auto asked = options["max-streams"].as<std::uint64_t>();
  if (asked > 1'000'000) throw std::runtime_error("--max-streams must be a whole number from 0 (automatic) to 1000000");
  fit_streams(settings, context.config, asked);
  context.log.info("live streams: at most " + std::to_string(settings.max_streams) + " open at once (" +
                   settings.max_streams_note + ")");

  auto component = std::make_shared<const StreamComponent>(settings, std::move(origins), context.log);
  context.health.add("streams", [component] {
    const StreamStats& stats = component->stats();
    const StreamSettings& s = component->settings();
    nlohmann::json details = {
        {"open", stats.open.load()},
        {"started", stats.started.load()},
        {"messages_sent", stats.messages_sent.load()},
        {"ended_by_client", stats.ended_by_client.load()},
        {"cut_slow_readers", stats.cut_slow_readers.load()},
        {"cut_dead_peers", stats.cut_dead_peers.load()},
        {"refused_origins", stats.refused_origins.load()},
        {"max_streams", s.max_streams},
        {"reserved", stats.reserved.load()},
        {"refused_at_cap", stats.refused_at_cap.load()},
        {"websocket_origins", component->origins().describe()},
        {"queue_limit_bytes", s.queue_limit_bytes},
        {"heartbeat_seconds", s.heartbeat.count() / 1000.0},
    };
    return HealthReport{true, std::move(details)};
  });
  return component;
}

Response StreamEndpoint::stream(const Request& request, StreamProducer producer) const {
  if (wants_websocket(request)) {
    if (auto sentence = streams_->origins().refusal(request)) {
      streams_->stats().refused_origins.fetch_add(1, std::memory_order_relaxed);
      return error_response(request, http::status::forbidden, *sentence);
    }
  }
  auto slot = streams_->reserve_slot();
  if (!slot) {
    streams_->stats().refused_at_cap.fetch_add(1, std::memory_order_relaxed);
    auto busy = error_response(request, http::status::service_unavailable, streams_busy_sentence);
    busy.set(http::field::retry_after, "2");
    return busy;
  }
  StreamResponse reply;
  reply.version(request.version());
  reply.result(http::status::ok);
  // What an event stream says (a WebSocket upgrade answers with a 101 of its own instead).
  reply.set(http::field::content_type, "text/event-stream; charset=utf-8");
  reply.set(http::field::cache_control, "no-store");
  reply.set("X-Accel-Buffering", "no");  // a proxy (nginx) must pass events on at once
  reply.source = std::make_shared<const StreamSource>(StreamSource{std::move(producer), streams_, std::move(slot)});
  return reply;
}

}  // namespace looplab::backend
