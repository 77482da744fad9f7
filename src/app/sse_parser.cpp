#include "sse_parser.h"

namespace looplab::app {

std::string SseParser::feed(std::string_view chunk, std::vector<StreamMessage>& out) {
  if (!started_ && !chunk.empty()) {
    started_ = true;
    if (chunk.substr(0, 3) == "\xEF\xBB\xBF") chunk.remove_prefix(3);
  }
  for (const char c : chunk) {
    if (after_cr_) {
      after_cr_ = false;
      if (c == '\n') continue;
    }
    if (c == '\r' || c == '\n') {
      after_cr_ = c == '\r';
      line_done(out);
      continue;
    }
    if (line_.size() >= max_line) return "The stream sent a line over 1 MiB long: it is not an event stream.";
    line_.push_back(c);
  }
  return {};
}

void SseParser::line_done(std::vector<StreamMessage>& out) {
  if (line_.empty()) {  // a blank line: the message is complete
    if (has_data_) {
      if (!pending_.data.empty() && pending_.data.back() == '\n') pending_.data.pop_back();
      out.push_back(std::move(pending_));
    }
    pending_ = {};
    has_data_ = false;
    return;
  }
  const std::string_view line(line_);
  const std::size_t colon = line.find(':');
  if (colon != 0) {  // a line starting with ':' is a comment
    const std::string_view field = line.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (field == "event") {
      pending_.event = value.empty() ? "message" : std::string(value);
    } else if (field == "data") {
      pending_.data.append(value);
      pending_.data.push_back('\n');
      has_data_ = true;
    }
  }
  line_.clear();
}

}  // namespace looplab::app
