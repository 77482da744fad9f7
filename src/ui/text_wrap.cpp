#include "ui/text_wrap.h"

#include <algorithm>

namespace looplab::ui {

namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The byte offset after `count` characters from `from` (or the end).
std::size_t advance(std::string_view s, std::size_t from, std::size_t count) {
  std::size_t i = from;
  while (i < s.size() && count > 0) {
    ++i;
    while (i < s.size() && is_continuation_byte(s[i])) ++i;
    --count;
  }
  return i;
}

}  // namespace

std::vector<Segment> wrap_line(std::string_view line, std::size_t columns, std::size_t continuation_indent) {
  columns = std::max<std::size_t>(columns, 8);
  continuation_indent = std::min(continuation_indent, columns / 2);
  std::vector<Segment> out;
  std::size_t at = 0;
  std::size_t indent = 0;
  do {
    const std::size_t room = columns - indent;
    const std::size_t limit = advance(line, at, room);
    std::size_t end = limit, next = limit;
    if (limit < line.size()) {
      // Break at the last space that fits, if it is not so early that the row is mostly empty;
      // failing that, after the last punctuation that fits (aiohttp. | ClientSession()), so a
      // name is split only when nothing else will do.
      const std::size_t space = line.rfind(' ', limit);
      const std::size_t mark = line.find_last_of(".,(/[:=", limit - 1);
      if (space != std::string_view::npos && space >= at && space > at + room / 4) {
        end = space;  // the space itself is not drawn: it becomes the break
        next = space + 1;
      } else if (mark != std::string_view::npos && mark >= at && mark + 1 > at + room / 4 && mark + 1 < limit) {
        end = next = mark + 1;
      }
    }
    out.push_back(Segment{at, end, indent});
    at = next;
    indent = continuation_indent;
  } while (at < line.size());
  return out;
}

std::size_t code_continuation_indent(std::string_view line) {
  std::size_t spaces = 0;
  while (spaces < line.size() && line[spaces] == ' ') ++spaces;
  return spaces + 4;
}

void WrappedRows::update(const std::vector<ConsoleLine>& lines, std::size_t columns, std::size_t prefix_columns) {
  if (columns != columns_ || prefix_columns != prefix_ || lines.size() + 1 < first_row_.size()) {
    columns_ = columns;
    prefix_ = prefix_columns;
    first_row_.assign(1, 0);
  }
  const std::size_t text_columns = columns > prefix_ + 8 ? columns - prefix_ : 8;
  for (std::size_t i = first_row_.size() - 1; i < lines.size(); ++i) {
    first_row_.push_back(first_row_.back() + wrap_line(lines[i].text, text_columns).size());
  }
}

std::size_t WrappedRows::line_at_row(std::size_t row) const {
  // The last line whose first row is at or before `row`.
  const auto it = std::upper_bound(first_row_.begin(), first_row_.end(), row);
  return it == first_row_.begin() ? 0 : static_cast<std::size_t>(it - first_row_.begin()) - 1;
}

}  // namespace looplab::ui
