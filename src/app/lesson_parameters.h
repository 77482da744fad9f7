#pragma once
// A lesson's parameters, declared once. From the one declaration come the values in force,
// what the permalink and window.looplab carry (set_parameter / parameters()), the refusal
// sentences, the controls the frame draws, and the list a test walks to try every mode of
// every lesson without knowing any of them (describe()).
//
//   ParameterSet params{{
//       choice("mode", "mode", {{"sync", "sync", "requests.get, one call after another"},
//                               {"async", "async", "aiohttp + asyncio.gather"}}, "async"),
//       number("r1", "R1", {0, 60, "s"}, 10, "%.1f s", "Server delays (seconds)"),
//       clock("real backend"),
//   }};
//   params.number("r1"); params.word("mode"); params.real_clock();
#include "app/lesson.h"
#include "ui/parameter_rules.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace looplab::app {

enum class ParameterKind { choice, number, clock, text };
const char* to_string(ParameterKind kind);  // "choice", "number", "clock", "text"

// What a text parameter accepts: "" for a good text, otherwise the sentence saying why not.
using TextCheck = std::string (*)(std::string_view text);

struct ChoiceSpec {
  std::string word;   // in the permalink: "fake-async"
  std::string label;  // on the button: "fake async"
  std::string hint;   // shown under the buttons while it is chosen (may be empty)
};

struct NumberRange {
  double min = 0;
  double max = 1;
  std::string unit;  // "s", "" for none
};

struct ParameterSpec {
  ParameterKind kind = ParameterKind::number;
  std::string name;   // in the permalink and window.looplab: "r1", "mode", "clock"
  std::string label;  // on the canvas and in refusals: "R1 delay", "mode"
  std::string group;  // a heading drawn before the first parameter of the group ("" for none)
  std::vector<ChoiceSpec> choices;  // choice and clock
  std::size_t default_choice = 0;
  NumberRange range;                // number
  double default_number = 0;
  std::string format = "%.2f";      // printf format of the slider's number ("%.1f s")
  bool logarithmic = false;         // a slider over orders of magnitude (a time scale)
  std::string default_text;         // text
  TextCheck check = nullptr;        // text
};

// One of a few words; `default_word` must be one of them.
ParameterSpec choice(std::string name, std::string label, std::vector<ChoiceSpec> choices, std::string_view default_word);
// A number in [range.min, range.max]; out-of-range values are refused with a sentence.
ParameterSpec number(std::string name, std::string label, NumberRange range, double default_value,
                     std::string format = "%.2f", std::string group = {}, bool logarithmic = false);
// A line the learner types ("10, 5, 20, 1.5"), checked by `check`; a refused text keeps its
// reason until a good one comes, and the good text in force stays as it was.
ParameterSpec text(std::string name, std::string label, std::string default_text, TextCheck check,
                   std::string group = {});
// The clock, always named "clock": "virtual" (simulated I/O, instant) or "real" (real I/O
// against the backend, labelled `real_label`). Lessons without real I/O declare none.
ParameterSpec clock(std::string real_label = "real backend", std::string_view default_word = "real");

class ParameterSet {
 public:
  ParameterSet() = default;
  // Throws std::logic_error on a repeated name or a default outside its own rule: a
  // lesson's declaration is checked by its tests, not by a learner.
  explicit ParameterSet(std::vector<ParameterSpec> specs);

  const std::vector<ParameterSpec>& specs() const { return specs_; }
  // The parameter's index, or nullopt.
  std::optional<std::size_t> find(std::string_view name) const;

  // --- The values in force. Asking for an undeclared name throws std::logic_error. ---
  double number(std::string_view name) const;
  std::size_t choice(std::string_view name) const;
  const std::string& word(std::string_view name) const;
  const std::string& text(std::string_view name) const;
  bool has_clock() const { return clock_index_.has_value(); }
  bool real_clock() const;  // false without a clock parameter

  // --- Changing them. A refused value leaves the value in force as it was. ---
  // From text (the link, window.looplab): "" when applied, otherwise the reason.
  std::string set(std::string_view name, std::string_view text);
  // From the controls. A refused number keeps its reason in problem(index) until a good one comes.
  bool propose_number(std::size_t index, double value);
  void choose(std::size_t index, std::size_t choice_index);
  // From the text field: applied if its check passes; otherwise the reason is kept.
  bool propose_text(std::size_t index, std::string_view text);
  // What the field shows: the last text typed (refused or not) and why it was refused ("").
  const std::string& text_typed(std::size_t index) const { return typed_[index]; }
  const std::string& text_problem(std::size_t index) const { return text_problems_[index]; }
  const ui::CheckedValue& checked(std::size_t index) const { return values_[index]; }
  // For a slider that proposes values itself (ui::checked_slider) under rule(index).
  ui::CheckedValue& number_slot(std::size_t index) { return values_.at(index); }
  std::size_t chosen(std::size_t index) const { return chosen_[index]; }
  // The rule of a number parameter (it refers to this set's strings: use it while the set lives).
  ui::RangeRule rule(std::size_t index) const;
  void use_virtual_clock();

  // --- What the page and tests see ---
  // In declaration order, as text: the permalink.
  std::vector<Parameter> as_text() const;
  // [{name, label, kind, value, default, choices: [word...] | min, max, unit}], for state().
  nlohmann::json describe() const;
  // "r1, r2, r3, mode, scale, clock"
  std::string names() const;

 private:
  std::string value_text(std::size_t i) const;
  std::size_t index_of(std::string_view name) const;

  // Indexed like specs_ (a value only means something for its kind). Copies of the set are
  // snapshots: a run keeps the values it was started with.
  std::vector<ParameterSpec> specs_;
  std::vector<ui::CheckedValue> values_;  // numbers
  std::vector<std::size_t> chosen_;       // choices and the clock
  std::vector<std::string> texts_, typed_, text_problems_;  // text: in force, typed, why refused
  std::optional<std::size_t> clock_index_;
};

}  // namespace looplab::app
