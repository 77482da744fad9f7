// Long lines wrap instead of being cut at a panel's edge: nothing a lesson teaches is hidden.
#include <doctest/doctest.h>

#include <string>

#include "ui/text_wrap.h"

using namespace looplab::ui;

namespace {

std::vector<std::string> rows(std::string_view line, std::size_t columns, std::size_t indent = 0) {
  std::vector<std::string> out;
  for (const Segment& s : wrap_line(line, columns, indent)) out.push_back(std::string(s.indent, ' ') + std::string(line.substr(s.begin, s.end - s.begin)));
  return out;
}

}  // namespace

TEST_CASE("a line that fits is one row; an empty line is one empty row") {
  CHECK(rows("print('hi')", 40) == std::vector<std::string>{"print('hi')"});
  CHECK(rows("", 40) == std::vector<std::string>{""});
}

TEST_CASE("a long line of code breaks at a space and continues under its own indentation") {
  const std::string line = "    async with aiohttp.ClientSession() as session:";
  const auto r = rows(line, 32, code_continuation_indent(line));
  CHECK(r == std::vector<std::string>{"    async with", "        aiohttp.ClientSession()", "        as session:"});
  // Every character is still there, in order.
  std::string joined;
  for (const Segment& s : wrap_line(line, 32, 8)) joined += line.substr(s.begin, s.end - s.begin) + " ";
  CHECK(joined.find("aiohttp.ClientSession()") != std::string::npos);
}

TEST_CASE("a word longer than a row is split at the row's end") {
  CHECK(rows("abcdefghijklmnopqrstuvwxyz", 10) == std::vector<std::string>{"abcdefghij", "klmnopqrst", "uvwxyz"});
}

TEST_CASE("a name longer than a row is split after its punctuation rather than inside a word") {
  // A phone's code panel: 20 columns for "aiohttp.ClientSession() as session:".
  CHECK(rows("aiohttp.ClientSession()", 20) == std::vector<std::string>{"aiohttp.", "ClientSession()"});
  CHECK(rows("http://127.0.0.1:8000/delay-me?seconds=2", 24) ==
        std::vector<std::string>{"http://127.0.0.1:8000/", "delay-me?seconds=2"});
  CHECK(rows("asyncio.sleep(seconds)", 20) == std::vector<std::string>{"asyncio.sleep(", "seconds)"});
  // Punctuation only at the very start is no place to break: the row would be nearly empty.
  CHECK(rows("(abcdefghijklmnopqrstuvwxyz", 10) == std::vector<std::string>{"(abcdefghi", "jklmnopqrs", "tuvwxyz"});
}

TEST_CASE("multi-byte characters count once") {
  const auto r = rows("\u2192\u2192\u2192\u2192\u2192\u2192\u2192\u2192\u2192\u2192", 8);
  REQUIRE(r.size() == 2);
  CHECK(r[0].size() == 8 * 3);
}

TEST_CASE("console rows are counted once per line and width, and found by row") {
  std::vector<ConsoleLine> lines(3);
  lines[0].text = "short";
  lines[1].text = std::string(100, 'x');
  lines[2].text = "after";
  WrappedRows w;
  w.update(lines, 53, 13);  // 40 columns for the text
  CHECK(w.rows_before(1) == 1);
  CHECK(w.rows_before(2) == 4);
  CHECK(w.total_rows(3) == 5);
  CHECK(w.line_at_row(0) == 0);
  CHECK(w.line_at_row(3) == 1);
  CHECK(w.line_at_row(4) == 2);
  lines.push_back(ConsoleLine{});
  w.update(lines, 53, 13);
  CHECK(w.total_rows(4) == 6);
  w.update(lines, 113, 13);  // wider: everything fits on one row each
  CHECK(w.total_rows(4) == 4);
}
