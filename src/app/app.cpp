#include "app.h"

#include "app_style.h"
#include "test_hook.h"

#include <imgui.h>

#include <stdexcept>
#include <string_view>

namespace looplab::app {

LaunchOptions parse_launch_options(int argc, char** argv) {
  LaunchOptions options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    if (flag == "--lesson") options.lesson_id = argv[i + 1];
    if (flag == "--backend") options.backend_url = argv[i + 1];
  }
  return options;
}

App::App(LaunchOptions options)
    : options_(std::move(options)), fetch_(options_.backend_url), backend_check_(fetch_) {}

bool App::start(std::string& error) {
  if (!platform_.init(error)) return false;
  if (!options_.lesson_id.empty()) {
    lesson_ = find_lesson(options_.lesson_id);
    if (lesson_) {
      host_ = std::make_unique<LessonHost>(LessonHost{lesson_->info, fetch_, TestHook::instance()});
      page_ = lesson_->make(*host_);
    }
  }
  register_hook();
  return true;
}

void App::register_hook() {
  TestHook& hook = TestHook::instance();
  hook.add_state("app", [this] {
    nlohmann::json lessons = nlohmann::json::array();
    for (const Lesson& l : all_lessons()) lessons.push_back(std::string(l.info.id));
    return nlohmann::json{
        {"page", page_ ? "lesson" : (options_.lesson_id.empty() ? "start" : "unknown-lesson")},
        {"lesson", options_.lesson_id},
        {"lessons", lessons},
        {"frames", platform_.frame_count()},
        {"canvas",
         {{"css_width", platform_.css_width()},
          {"css_height", platform_.css_height()},
          {"pixel_ratio", platform_.pixel_ratio()}}},
        {"requests_in_flight", fetch_.in_flight()},
    };
  });
  hook.add_state("backend_check", [this] { return backend_check_.state(); });
  hook.add_action("check_backend", [this](const nlohmann::json& args) {
    if (!args.contains("seconds") || !args["seconds"].is_number())
      throw std::invalid_argument("check_backend needs {\"seconds\": <number>}");
    backend_check_.ask(args["seconds"].get<double>());
    return nlohmann::json::object();
  });
}

void App::draw_start_page() {
  backend_check_.draw();
}

void App::draw_unknown_lesson() {
  ImGui::TextColored(app_palette().bad, "This page asks for a lesson named '%s', and there is none.",
                     options_.lesson_id.c_str());
  ImGui::TextColored(app_palette().text_muted, "Lessons in this build:");
  for (const Lesson& l : all_lessons()) ImGui::BulletText("%.*s", static_cast<int>(l.info.id.size()), l.info.id.data());
  ImGui::Separator();
  backend_check_.draw();
}

void App::frame() {
  platform_.begin_frame();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  constexpr ImGuiWindowFlags kCanvasWindow = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                             ImGuiWindowFlags_NoSavedSettings |
                                             ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("##canvas", nullptr, kCanvasWindow);
  if (page_) {
    page_->draw();
  } else if (options_.lesson_id.empty()) {
    draw_start_page();
  } else {
    draw_unknown_lesson();
  }
  ImGui::End();
  platform_.end_frame();
  TestHook::instance().announce_first_frame();
}

}  // namespace looplab::app
