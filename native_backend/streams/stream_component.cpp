#include "streams/stream_component.hpp"

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

}  // namespace

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
      "list of origins such as http://class.example:8080, or * for any page");
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
  StreamResponse reply;
  reply.version(request.version());
  reply.result(http::status::ok);
  // What an event stream says (a WebSocket upgrade answers with a 101 of its own instead).
  reply.set(http::field::content_type, "text/event-stream; charset=utf-8");
  reply.set(http::field::cache_control, "no-store");
  reply.set("X-Accel-Buffering", "no");  // a proxy (nginx) must pass events on at once
  reply.source = std::make_shared<const StreamSource>(StreamSource{std::move(producer), streams_});
  return reply;
}

}  // namespace looplab::backend
