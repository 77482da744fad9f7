// The two Python snippets (snippets/*.py, embedded at build time) and the lines of each
// that the scenario marks, found by the text on them so the two cannot drift apart.
#pragma once

#include <string_view>

#include "scenario.h"

namespace looplab::slow_query {

std::string_view snippet_source(Mode mode);
// "sync.py", "async.py"
inline std::string_view snippet_file(Mode mode) { return mode == Mode::sync ? "sync.py" : "async.py"; }
// Throws std::logic_error naming the text if a mark no longer sits on exactly one line.
SnippetLines snippet_lines(Mode mode);

}  // namespace looplab::slow_query
