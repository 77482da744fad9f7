#include "snippets.h"

#include <stdexcept>

#include "slow_server_embedded.h"
#include "ui/snippet_lines.h"

namespace looplab::slow_server {

std::string_view snippet_source(Mode mode) {
  switch (mode) {
    case Mode::sync: return embedded::sync_py;
    case Mode::async: return embedded::async_py;
    case Mode::fake_async: return embedded::fake_async_py;
  }
  return {};
}

std::string_view snippet_file(Mode mode) {
  switch (mode) {
    case Mode::sync: return "sync.py";
    case Mode::async: return "async.py";
    case Mode::fake_async: return "fake_async.py";
  }
  return {};
}

std::string_view published_json() { return embedded::published_json; }

SnippetLines snippet_lines(Mode mode) {
  const std::string_view source = snippet_source(mode);
  SnippetLines lines;
  lines.requesting = ui::line_containing(source, ": Requesting '", to_string(mode));
  // Where the coroutine waits: aiohttp's get (the delay server sends nothing until it is
  // done), or requests.get blocking the thread.
  lines.waiting = ui::line_containing(source, mode == Mode::async ? "session.get(url)" : "requests.get(url)", to_string(mode));
  lines.done = ui::line_containing(source, "Request finally done!", to_string(mode));
  lines.gather = ui::line_containing(source, "await asyncio.gather(", to_string(mode), mode == Mode::sync);
  lines.elapsed = ui::line_containing(source, "Time elapsed", to_string(mode));
  return lines;
}

std::string render_snippet(Mode mode, const std::array<double, 3>& seconds) {
  std::string text(snippet_source(mode));
  // The snippets call pull("R1", 10), pull("R2", 2), pull("R3", 5): the seed's delays.
  constexpr std::array<std::string_view, 3> calls{"pull(\"R1\", 10)", "pull(\"R2\", 2)", "pull(\"R3\", 5)"};
  for (std::size_t i = 0; i < 3; ++i) {
    const std::size_t at = text.find(calls[i]);
    if (at == std::string::npos) continue;
    text.replace(at, calls[i].size(),
                 "pull(\"" + std::string(requester_names[i]) + "\", " + python_float(seconds[i]) + ")");
  }
  return text;
}

}  // namespace looplab::slow_server
