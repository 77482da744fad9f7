#include "snippets.h"

#include <stdexcept>
#include <string>

#include "slow_query_embedded.h"
#include "ui/snippet_lines.h"

namespace looplab::slow_query {

std::string_view snippet_source(Mode mode) { return mode == Mode::sync ? embedded::sync_py : embedded::async_py; }

SnippetLines snippet_lines(Mode mode) {
  const std::string_view src = snippet_source(mode);
  SnippetLines lines;
  lines.querying = ui::line_containing(src, ": Querying", to_string(mode));
  lines.waiting = ui::line_containing(src, mode == Mode::sync ? "cur.execute(" : "await conn.fetch(", to_string(mode));
  lines.done = ui::line_containing(src, "Query made!", to_string(mode));
  if (mode == Mode::async) lines.gather = ui::line_containing(src, "asyncio.gather(", to_string(mode));
  lines.elapsed = ui::line_containing(src, "Time elapsed", to_string(mode));
  return lines;
}

}  // namespace looplab::slow_query
