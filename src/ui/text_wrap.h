// Long lines broken to fit a panel instead of being cut at its edge: nothing a lesson
// teaches may be hidden. Works in columns of a monospace font, so a layout costs no text
// measuring, and a console of thousands of lines keeps per-line row counts between frames.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "ui/timeline_model.h"

namespace looplab::ui {

struct Segment {
  std::size_t begin = 0;  // byte offsets into the line
  std::size_t end = 0;
  std::size_t indent = 0;  // columns of blank space before it (0 on the first row)
};

// Rows of at most `columns` characters (at least 8 are assumed). A break goes at the last
// space that fits; in a word longer than a row, after its last '.', ',', '(', '/', '[', ':'
// or '=' that fits, or else at the row's end. Continuation
// rows start `continuation_indent` columns in (capped at half a row), so code keeps its
// shape. Counts bytes as characters except UTF-8 continuation bytes.
std::vector<Segment> wrap_line(std::string_view line, std::size_t columns, std::size_t continuation_indent = 0);

// The leading spaces of a line, plus 4: where a wrapped line of code continues.
std::size_t code_continuation_indent(std::string_view line);

// Visual rows of every console line at a width, kept between frames: only lines added
// since the last update, or a changed width, cost anything.
class WrappedRows {
 public:
  // `prefix_columns` is taken by the timestamp on the first row of each line.
  void update(const std::vector<ConsoleLine>& lines, std::size_t columns, std::size_t prefix_columns);
  std::size_t rows_before(std::size_t line) const { return first_row_[line]; }  // line <= size
  std::size_t total_rows(std::size_t lines) const { return first_row_[lines]; }
  // The line that a visual row belongs to.
  std::size_t line_at_row(std::size_t row) const;
  std::size_t columns() const { return columns_; }

 private:
  std::size_t columns_ = 0, prefix_ = 0;
  std::vector<std::size_t> first_row_{0};  // first_row_[i]: rows above line i; size = lines + 1
};

}  // namespace looplab::ui
