#include "snippets.h"

#include <stdexcept>

#include "slow_server_embedded.h"

namespace looplab::slow_server {

std::string_view snippet_source(Mode mode) {
  switch (mode) {
    case Mode::sync: return embedded::sync_py;
    case Mode::async: return embedded::async_py;
    case Mode::fake_async: return embedded::fake_async_py;
  }
  return {};
}

std::string_view published_json() { return embedded::published_json; }

namespace {

// 1-based number of the only line containing `text`; 0 if `optional` and absent.
std::uint32_t line_with(std::string_view source, std::string_view text, Mode mode, bool optional = false) {
  std::uint32_t found = 0, line = 1;
  std::size_t start = 0;
  while (start <= source.size()) {
    std::size_t end = source.find('\n', start);
    if (end == std::string_view::npos) end = source.size();
    if (source.substr(start, end - start).find(text) != std::string_view::npos) {
      if (found != 0) {
        throw std::logic_error("the " + std::string(to_string(mode)) + " snippet has '" + std::string(text) +
                               "' on more than one line");
      }
      found = line;
    }
    start = end + 1;
    ++line;
  }
  if (found == 0 && !optional) {
    throw std::logic_error("the " + std::string(to_string(mode)) + " snippet has no line with '" + std::string(text) + "'");
  }
  return found;
}

}  // namespace

SnippetLines snippet_lines(Mode mode) {
  const std::string_view source = snippet_source(mode);
  SnippetLines lines;
  lines.requesting = line_with(source, ": Requesting '", mode);
  // Where the coroutine waits: aiohttp's get (the delay server sends nothing until it is
  // done), or requests.get blocking the thread.
  lines.waiting = line_with(source, mode == Mode::async ? "session.get(url)" : "requests.get(url)", mode);
  lines.done = line_with(source, "Request finally done!", mode);
  lines.gather = line_with(source, "await asyncio.gather(", mode, mode == Mode::sync);
  lines.elapsed = line_with(source, "Time elapsed", mode);
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
