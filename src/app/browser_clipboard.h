#pragma once
// Puts text on the browser's clipboard (a chart's "Copy as CSV"). SDL's clipboard under
// Emscripten stays inside the page, so this goes to navigator.clipboard, or, where that is
// refused (no secure context, no permission), the older copy command on a hidden textarea.
#include <string_view>

namespace looplab::app {

void copy_to_clipboard(std::string_view text);

}  // namespace looplab::app
