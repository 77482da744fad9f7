#include "ui/snippet_lines.h"

#include <stdexcept>
#include <string>

namespace looplab::ui {

std::uint32_t line_containing(std::string_view source, std::string_view text, std::string_view snippet,
                              bool optional) {
  std::uint32_t found = 0, line = 1;
  std::size_t start = 0;
  while (start <= source.size()) {
    std::size_t end = source.find('\n', start);
    if (end == std::string_view::npos) end = source.size();
    if (source.substr(start, end - start).find(text) != std::string_view::npos) {
      if (found != 0) {
        throw std::logic_error("the " + std::string(snippet) + " snippet has '" + std::string(text) +
                               "' on more than one line");
      }
      found = line;
    }
    start = end + 1;
    ++line;
  }
  if (found == 0 && !optional) {
    throw std::logic_error("the " + std::string(snippet) + " snippet has no line with '" + std::string(text) + "'");
  }
  return found;
}

}  // namespace looplab::ui
