#pragma once
// Lessons mark where each task is in their Python snippet by the text of a line, not its
// number, so editing a snippet cannot silently shift the highlight.
#include <cstdint>
#include <string_view>

namespace looplab::ui {

// 1-based number of the only line of `source` containing `text`; 0 when `optional` and
// absent. Throws std::logic_error naming `snippet` when the text is missing or repeated.
std::uint32_t line_containing(std::string_view source, std::string_view text, std::string_view snippet,
                              bool optional = false);

}  // namespace looplab::ui
