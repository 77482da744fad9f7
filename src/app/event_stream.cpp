#include "event_stream.h"

namespace looplab::app {

std::string backend_unreachable(std::string_view url) {
  return "Cannot reach the backend (" + std::string(url) +
         "): connection refused or the server is gone. Is ./looplab start running?";
}

EventStream::EventStream(std::string base_url, StreamLimits limits, const StreamTransport& transport)
    : base_url_(std::move(base_url)), limits_(limits), transport_of_(transport) {}

EventStream::~EventStream() { close(); }

void EventStream::open(const std::string& path) {
  close();
  url_ = base_url_ + path;
  state_ = State::connecting;
  error_.clear();
  parser_ = {};
  waiting_.clear();
  waiting_bytes_ = 0;
  transport_ = transport_of_.open(*this, url_);
  if (transport_ == 0 && state_ == State::connecting)
    fail("Streams from the backend open only in the browser: this build has none (" + url_ + ").");
}

void EventStream::close() {
  if (transport_ != 0) transport_of_.close(transport_);
  transport_ = 0;
  if (live()) state_ = State::ended;
}

std::vector<StreamMessage> EventStream::take() {
  std::vector<StreamMessage> out;
  out.swap(waiting_);
  waiting_bytes_ = 0;
  return out;
}

void EventStream::connected() {
  if (state_ == State::connecting) state_ = State::open;
}

void EventStream::received(std::string_view text) {
  if (state_ != State::open) return;
  const std::size_t before = waiting_.size();
  if (std::string problem = parser_.feed(text, waiting_); !problem.empty()) return fail(std::move(problem));
  for (std::size_t i = before; i < waiting_.size(); ++i) waiting_bytes_ += waiting_[i].data.size();
  if (waiting_.size() > limits_.messages || waiting_bytes_ > limits_.bytes) {
    fail("The page fell behind the stream from " + url_ + " (more than " + std::to_string(limits_.messages) +
         " messages or " + std::to_string(limits_.bytes >> 20) + " MiB waiting unread), so it closed the stream.");
  }
}

void EventStream::refused(int http_status, std::string_view body) {
  if (!live()) return;
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r' || body.back() == ' ')) body.remove_suffix(1);
  fail("The backend answered HTTP " + std::to_string(http_status) +
       (body.empty() ? std::string(" without saying why.") : ": " + std::string(body)));
}

void EventStream::broke(std::string_view why) {
  if (state_ == State::connecting) return fail(backend_unreachable(url_));
  if (state_ == State::open) fail("The stream from " + url_ + " broke off: " + std::string(why));
}

void EventStream::finished() {
  if (live()) state_ = State::ended;
  if (transport_ != 0) transport_of_.close(transport_);
  transport_ = 0;
}

void EventStream::fail(std::string sentence) {
  if (transport_ != 0) transport_of_.close(transport_);
  transport_ = 0;
  state_ = State::failed;
  error_ = std::move(sentence);
}

}  // namespace looplab::app
