// The generators page on the lesson frame: a list against a generator (measured in this
// page), next() and list(), send() into the running sum, and the round-robin loop. Virtual
// clock only: nothing here waits on the world; each step is charged a modelled cost so the
// steps stand apart on the timeline.
#include <cmath>

#include <imgui.h>

#include "app/lesson_frame.h"
#include "app/python_format.h"
#include "outcome.h"
#include "scenario.h"

namespace looplab::generators {
namespace {

Settings settings_of(const app::ParameterSet& v) {
  Settings s;
  s.part = static_cast<Part>(v.choice("part"));
  s.end = std::llround(v.number("end"));
  s.count = static_cast<int>(std::lround(v.number("count")));
  s.drain = static_cast<Drain>(v.choice("drain"));
  s.start = static_cast<Start>(v.choice("start"));
  std::string problem;
  s.sends = parse_sends(v.text("sends"), problem);  // the text in force always parses
  s.lengths = parse_lengths(v.text("lengths"), problem);
  s.loop = static_cast<RoundRobin>(v.choice("loop"));
  s.step_cost = v.number("step_ms") / 1000;
  return s;
}

nlohmann::json first_value_json(const FirstValue& f) {
  if (!f.seen) return nullptr;
  return {{"first", f.first}, {"seconds", app::number_or_null(f.seconds)}, {"bytes", f.bytes}};
}

class GeneratorsPage final : public app::LessonFrame {
 public:
  explicit GeneratorsPage(app::LessonHost& host)
      : LessonFrame(host, app::ParameterSet({
            app::choice("part", "the program",
                        {{"evens", "list or generator", "even numbers: a list built in full, or a generator yielding on demand"},
                         {"next", "next and list", "next() until StopIteration, or list() after one next()"},
                         {"send", "send", "the running sum: what you send is what the yield gives back"},
                         {"round-robin", "round robin", "one loop taking turns over several generators"}},
                        "evens"),
            app::number("end", "range(0, end)", {1, static_cast<double>(kMaxEnd), ""}, 1'000'000, "%.0f",
                        "Even numbers", true),
            app::number("count", "counting(n)", {1, kMaxCount, ""}, 3, "%.0f", "next and list"),
            app::choice("drain", "then",
                        {{"list", "next(), then list()", "seed 003: one next(), then list() takes the rest"},
                         {"next", "next() until StopIteration", "ask for values until the generator says it has no more"}},
                        "list"),
            app::choice("start", "start with",
                        {{"next", "next(x)", "run it to its first yield, then send"},
                         {"send", "send right away", "send into a generator that has not started"}},
                        "next"),
            app::text("sends", "values to send", "10, 5, 20, 1.5", &sends_problem, "send"),
            app::text("lengths", "generator lengths", "1, 3, 2", &lengths_problem, "Round robin"),
            app::choice("loop", "the loop",
                        {{"seed", "seed 002's", "deletes a finished generator from the list it is walking"},
                         {"fixed", "the fix", "walks a copy of the list, removes from the original"}},
                        "seed"),
            app::number("step_ms", "one step costs (model)", {0.01, 100, "ms"}, 1, "%.2f ms", "The virtual clock", true),
        })) {}

 private:
  Coro<void> scenario(const app::ParameterSet& v) override { return scenario_main(settings_of(v)); }
  app::Snippet snippet(const app::ParameterSet& v) const override {
    const Settings s = settings_of(v);
    return {snippet_file(s), render_snippet(s), "the Python the run stands for; highlighted: main's line and each generator's"};
  }
  bool parameter_applies(const app::ParameterSpec& spec, const app::ParameterSet& v) const override {
    const Part part = static_cast<Part>(v.choice("part"));
    if (spec.name == "end") return part == Part::evens;
    if (spec.name == "count" || spec.name == "drain") return part == Part::next;
    if (spec.name == "start" || spec.name == "sends") return part == Part::send;
    if (spec.name == "lengths" || spec.name == "loop") return part == Part::round_robin;
    if (spec.name == "step_ms") return part != Part::evens;
    return true;
  }
  void draw_controls_note(const app::ParameterSet& v) override {
    const Settings s = settings_of(v);
    if (const std::string why = refusal(s); !why.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.25f, 0.2f, 1));
      ImGui::TextWrapped("%s", why.c_str());
      ImGui::PopStyleColor();
      return;
    }
    if (s.part == Part::evens)
      ImGui::TextWrapped("Both are built for real in this page: %s even numbers in a list, or one from a generator.",
                         app::grouped((s.end + 1) / 2).c_str());
  }
  void draw_above_timeline() override {
    if (verdict_run() == 0 || !facts_.list.seen || !facts_.generator.seen) return;
    // The two measurements side by side: the point of the first part.
    if (ImGui::BeginTable("first value", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerH)) {
      // Short headers: the table must fit a phone's width.
      ImGui::TableSetupColumn("measured here");
      ImGui::TableSetupColumn("first value after");
      ImGui::TableSetupColumn("memory held");
      ImGui::TableHeadersRow();
      for (const auto& [name, f] : {std::pair{"list", facts_.list}, std::pair{"generator", facts_.generator}}) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(name);
        ImGui::TableNextColumn();
        ImGui::Text("%.3f ms", f.seconds * 1000);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted((app::grouped(f.bytes) + " B").c_str());
      }
      ImGui::EndTable();
    }
  }
  ui::Verdict verdict(const app::EndedRun& run) override {
    facts_ = facts_of(run.trace);
    return make_verdict(settings_of(run.values), facts_);
  }
  nlohmann::json lesson_state() const override {
    if (verdict_run() == 0) return nlohmann::json::object();
    return {{"list", first_value_json(facts_.list)},
            {"generator", first_value_json(facts_.generator)},
            {"yielded", facts_.yielded},
            {"sent", facts_.sent},
            {"sums", facts_.sums},
            {"refused", facts_.refused},
            {"list_result", facts_.list_result},
            {"stop_iteration", facts_.stop_iteration},
            {"rounds", facts_.rounds},
            {"skipped", facts_.skipped},
            {"steps", facts_.steps},
            {"failed", facts_.failed},
            {"error", facts_.error}};
  }

  RunFacts facts_;
};

}  // namespace
}  // namespace looplab::generators

std::unique_ptr<looplab::app::LessonPage> looplab_make_lesson_generators(looplab::app::LessonHost& host) {
  return std::make_unique<looplab::generators::GeneratorsPage>(host);
}
