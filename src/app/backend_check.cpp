#include "backend_check.h"

#include "app_style.h"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <cstdio>
#include <stdexcept>

namespace looplab::app {
namespace {

const char* status_name(int s) {
  static const char* names[] = {"idle", "waiting", "answered", "failed"};
  return names[s];
}

std::string delay_path(double seconds) {
  char text[64];
  std::snprintf(text, sizeof text, "/delay-me?seconds=%g", seconds);
  return text;
}

}  // namespace

void BackendCheck::ask(double seconds) {
  if (!(seconds >= kMinSeconds && seconds <= kMaxSeconds)) {
    char text[128];
    std::snprintf(text, sizeof text, "the delay must be between %g and %g seconds (got %g)", kMinSeconds,
                  kMaxSeconds, seconds);
    throw std::invalid_argument(text);
  }
  // A new question replaces an unanswered one; its late answer is ignored.
  if (status_ == Status::waiting) fetch_.cancel(request_);
  seconds_ = static_cast<float>(seconds);
  asked_seconds_ = seconds;
  status_ = Status::waiting;
  reply_.clear();
  error_.clear();
  http_status_ = 0;
  ++attempts_;
  sent_at_ms_ = emscripten_get_now();
  // Generous timeout: the server sleeps `seconds`, then answers at once.
  double timeout = seconds + 5.0;
  request_ = fetch_.get(delay_path(seconds), timeout, [this](const FetchResult& r) {
    if (r.outcome == FetchResult::Outcome::cancelled) return;
    measured_seconds_ = r.elapsed_seconds();
    http_status_ = r.http_status;
    reply_ = r.body;
    error_ = r.error;
    status_ = r.ok() ? Status::answered : Status::failed;
  });
}

void BackendCheck::draw() {
  const AppPalette& palette = app_palette();
  ImGui::TextUnformatted("Is the backend there?");
  ImGui::TextColored(palette.text_muted, "Ask the server to wait, then answer. The time is measured here, in the browser.");
  ImGui::Spacing();

  ImGui::SetNextItemWidth(220.0f);
  ImGui::SliderFloat("##delay", &seconds_, static_cast<float>(kMinSeconds), static_cast<float>(kMaxSeconds),
                     "delay %.2f s", ImGuiSliderFlags_AlwaysClamp);
  ImGui::SameLine();
  bool waiting = status_ == Status::waiting;
  if (waiting) ImGui::BeginDisabled();
  if (ImGui::Button("Ask the server")) ask(seconds_);
  if (waiting) ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextColored(palette.text_muted, "GET %s", delay_path(seconds_).c_str());

  ImGui::Spacing();
  switch (status_) {
    case Status::idle:
      ImGui::TextColored(palette.text_muted, "No request sent yet.");
      break;
    case Status::waiting: {
      double waited = (emscripten_get_now() - sent_at_ms_) / 1000.0;
      ImGui::TextColored(palette.pending, "Waiting for the server... %.2f s", waited);
      break;
    }
    case Status::answered:
      ImGui::TextColored(palette.good, "Server replied: '%s'", reply_.c_str());
      ImGui::Text("Measured round trip: %.3f s for a %.2f s delay", measured_seconds_, asked_seconds_);
      break;
    case Status::failed:
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(palette.bad, "%s", error_.c_str());
      ImGui::PopTextWrapPos();
      ImGui::TextColored(palette.text_muted, "Gave up after %.2f s. The page keeps working: try again any time.",
                         measured_seconds_);
      break;
  }
}

nlohmann::json BackendCheck::state() const {
  return {
      {"status", status_name(static_cast<int>(status_))},
      {"seconds", asked_seconds_},
      {"reply", reply_},
      {"http_status", http_status_},
      {"measured_seconds", measured_seconds_},
      {"error", error_},
      {"attempts", attempts_},
  };
}

}  // namespace looplab::app
