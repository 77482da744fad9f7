#include "snippets.h"

#include <stdexcept>
#include <string>

#include "slow_query_embedded.h"

namespace looplab::slow_query {

std::string_view snippet_source(Mode mode) { return mode == Mode::sync ? embedded::sync_py : embedded::async_py; }

namespace {

// 1-based number of the only line containing `text`.
std::uint32_t line_with(std::string_view source, std::string_view text, Mode mode) {
  std::uint32_t found = 0, line = 1;
  std::size_t start = 0;
  while (start <= source.size()) {
    std::size_t end = source.find('\n', start);
    if (end == std::string_view::npos) end = source.size();
    if (source.substr(start, end - start).find(text) != std::string_view::npos) {
      if (found != 0) throw std::logic_error("the " + std::string(to_string(mode)) + " snippet has '" + std::string(text) + "' twice");
      found = line;
    }
    start = end + 1;
    ++line;
  }
  if (found == 0) throw std::logic_error("the " + std::string(to_string(mode)) + " snippet has no line with '" + std::string(text) + "'");
  return found;
}

}  // namespace

SnippetLines snippet_lines(Mode mode) {
  const std::string_view src = snippet_source(mode);
  SnippetLines lines;
  lines.querying = line_with(src, ": Querying", mode);
  lines.waiting = line_with(src, mode == Mode::sync ? "cur.execute(" : "await conn.fetch(", mode);
  lines.done = line_with(src, "Query made!", mode);
  if (mode == Mode::async) lines.gather = line_with(src, "asyncio.gather(", mode);
  lines.elapsed = line_with(src, "Time elapsed", mode);
  return lines;
}

}  // namespace looplab::slow_query
