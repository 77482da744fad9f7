// The three Python snippets (snippets/*.py, embedded at build time) and the lines of each
// that the scenario marks, found by the text on them so the two cannot drift apart.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "scenario.h"

namespace looplab::slow_server {

std::string_view snippet_source(Mode mode);
// "sync.py", "async.py", "fake_async.py"
std::string_view snippet_file(Mode mode);
// The marked lines of the mode's snippet. Throws std::logic_error naming the missing or
// repeated text if the snippet no longer has exactly one line for each mark.
SnippetLines snippet_lines(Mode mode);
// The snippet as it would run with these (effective) delays: `pull("R1", 10)` becomes
// `pull("R1", 1.0)` at time scale 0.1.
std::string render_snippet(Mode mode, const std::array<double, 3>& seconds);

// The seed's published figures (published.json, embedded).
std::string_view published_json();

}  // namespace looplab::slow_server
