#include "app/lesson_parameters.h"

#include <cmath>
#include <stdexcept>

namespace looplab::app {

const char* to_string(ParameterKind kind) {
  switch (kind) {
    case ParameterKind::choice: return "choice";
    case ParameterKind::number: return "number";
    case ParameterKind::clock: return "clock";
    case ParameterKind::text: return "text";
  }
  return "?";
}

namespace {

std::size_t index_of_word(const ParameterSpec& spec, std::string_view word) {
  for (std::size_t i = 0; i < spec.choices.size(); ++i)
    if (spec.choices[i].word == word) return i;
  throw std::logic_error("parameter '" + spec.name + "': '" + std::string(word) + "' is not one of its choices");
}

std::vector<std::string_view> words_of(const ParameterSpec& spec) {
  std::vector<std::string_view> words;
  for (const ChoiceSpec& c : spec.choices) words.emplace_back(c.word);
  return words;
}

}  // namespace

ParameterSpec choice(std::string name, std::string label, std::vector<ChoiceSpec> choices, std::string_view default_word) {
  ParameterSpec s;
  s.kind = ParameterKind::choice;
  s.name = std::move(name);
  s.label = std::move(label);
  s.choices = std::move(choices);
  s.default_choice = index_of_word(s, default_word);
  return s;
}

ParameterSpec number(std::string name, std::string label, NumberRange range, double default_value, std::string format,
                     std::string group, bool logarithmic) {
  ParameterSpec s;
  s.kind = ParameterKind::number;
  s.name = std::move(name);
  s.label = std::move(label);
  s.range = std::move(range);
  s.default_number = default_value;
  s.format = std::move(format);
  s.group = std::move(group);
  s.logarithmic = logarithmic;
  return s;
}

ParameterSpec text(std::string name, std::string label, std::string default_text, TextCheck check, std::string group) {
  ParameterSpec s;
  s.kind = ParameterKind::text;
  s.name = std::move(name);
  s.label = std::move(label);
  s.default_text = std::move(default_text);
  s.check = check;
  s.group = std::move(group);
  return s;
}

ParameterSpec clock(std::string real_label, std::string_view default_word) {
  ParameterSpec s;
  s.kind = ParameterKind::clock;
  s.name = "clock";
  s.label = "clock";
  s.choices = {{"virtual", "virtual clock", "simulated I/O: instant, exactly repeatable, no server needed"},
               {"real", std::move(real_label), "real I/O: every time on the timeline is measured"}};
  s.default_choice = index_of_word(s, default_word);
  return s;
}

ParameterSet::ParameterSet(std::vector<ParameterSpec> specs) : specs_(std::move(specs)) {
  values_.resize(specs_.size(), ui::CheckedValue{0, {}});
  chosen_.resize(specs_.size(), 0);
  texts_.resize(specs_.size());
  typed_.resize(specs_.size());
  text_problems_.resize(specs_.size());
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    const ParameterSpec& s = specs_[i];
    for (std::size_t j = 0; j < i; ++j)
      if (specs_[j].name == s.name) throw std::logic_error("parameter '" + s.name + "' is declared twice");
    if (s.kind == ParameterKind::number) {
      const std::string problem = ui::range_problem(rule(i), s.default_number);
      if (!problem.empty()) throw std::logic_error("parameter '" + s.name + "': its default is refused: " + problem);
      values_[i].value = s.default_number;
    } else if (s.kind == ParameterKind::text) {
      if (s.check == nullptr) throw std::logic_error("parameter '" + s.name + "' needs a check of its text");
      const std::string problem = s.check(s.default_text);
      if (!problem.empty()) throw std::logic_error("parameter '" + s.name + "': its default is refused: " + problem);
      texts_[i] = typed_[i] = s.default_text;
    } else {
      if (s.choices.empty() || s.default_choice >= s.choices.size())
        throw std::logic_error("parameter '" + s.name + "' needs choices and a default among them");
      chosen_[i] = s.default_choice;
      if (s.kind == ParameterKind::clock) clock_index_ = i;
    }
  }
}

std::optional<std::size_t> ParameterSet::find(std::string_view name) const {
  for (std::size_t i = 0; i < specs_.size(); ++i)
    if (specs_[i].name == name) return i;
  return std::nullopt;
}

std::size_t ParameterSet::index_of(std::string_view name) const {
  if (auto i = find(name)) return *i;
  throw std::logic_error("this lesson declares no parameter named '" + std::string(name) + "'");
}

ui::RangeRule ParameterSet::rule(std::size_t index) const {
  const ParameterSpec& s = specs_.at(index);
  return {s.label, s.range.min, s.range.max, s.range.unit};
}

double ParameterSet::number(std::string_view name) const {
  const std::size_t i = index_of(name);
  if (specs_[i].kind != ParameterKind::number) throw std::logic_error("parameter '" + specs_[i].name + "' is not a number");
  return values_[i].value;
}

std::size_t ParameterSet::choice(std::string_view name) const {
  const std::size_t i = index_of(name);
  if (specs_[i].kind == ParameterKind::number || specs_[i].kind == ParameterKind::text)
    throw std::logic_error("parameter '" + specs_[i].name + "' is not a choice");
  return chosen_[i];
}

const std::string& ParameterSet::text(std::string_view name) const {
  const std::size_t i = index_of(name);
  if (specs_[i].kind != ParameterKind::text) throw std::logic_error("parameter '" + specs_[i].name + "' is not a text");
  return texts_[i];
}

bool ParameterSet::propose_text(std::size_t index, std::string_view text) {
  const ParameterSpec& s = specs_.at(index);
  typed_[index] = std::string(text);
  text_problems_[index] = s.check(text);
  if (!text_problems_[index].empty()) return false;
  const bool changed = texts_[index] != text;
  texts_[index] = std::string(text);
  return changed;
}

const std::string& ParameterSet::word(std::string_view name) const {
  const std::size_t i = index_of(name);
  return specs_[i].choices.at(choice(name)).word;
}

bool ParameterSet::real_clock() const { return clock_index_ && chosen_[*clock_index_] == 1; }

void ParameterSet::use_virtual_clock() {
  if (clock_index_) chosen_[*clock_index_] = 0;
}

std::string ParameterSet::set(std::string_view name, std::string_view text) {
  const auto found = find(name);
  if (!found) return "there is no parameter named '" + std::string(name) + "' (there are " + names() + ")";
  const std::size_t i = *found;
  const ParameterSpec& s = specs_[i];
  std::string problem;
  if (s.kind == ParameterKind::number) {
    if (auto v = ui::parse_in_range(rule(i), text, problem)) values_[i].propose(rule(i), *v);
    return problem;
  }
  if (s.kind == ParameterKind::text) {
    propose_text(i, text);
    return text_problems_[i];
  }
  const std::vector<std::string_view> words = words_of(s);
  if (auto c = ui::parse_choice(s.name, words, text, problem)) chosen_[i] = *c;
  return problem;
}

bool ParameterSet::propose_number(std::size_t index, double value) { return values_.at(index).propose(rule(index), value); }

void ParameterSet::choose(std::size_t index, std::size_t choice_index) {
  if (choice_index < specs_.at(index).choices.size()) chosen_[index] = choice_index;
}

std::string ParameterSet::value_text(std::size_t i) const {
  const ParameterSpec& s = specs_[i];
  if (s.kind == ParameterKind::text) return texts_[i];
  return s.kind == ParameterKind::number ? ui::short_number(values_[i].value) : s.choices[chosen_[i]].word;
}

std::vector<Parameter> ParameterSet::as_text() const {
  std::vector<Parameter> out;
  for (std::size_t i = 0; i < specs_.size(); ++i) out.push_back({specs_[i].name, value_text(i)});
  return out;
}

nlohmann::json ParameterSet::describe() const {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    const ParameterSpec& s = specs_[i];
    nlohmann::json p{{"name", s.name}, {"label", s.label}, {"kind", to_string(s.kind)}, {"value", value_text(i)}};
    if (s.kind == ParameterKind::number) {
      p["min"] = s.range.min;
      p["max"] = s.range.max;
      p["unit"] = s.range.unit;
      p["default"] = ui::short_number(s.default_number);
    } else if (s.kind == ParameterKind::text) {
      p["default"] = s.default_text;
    } else {
      nlohmann::json words = nlohmann::json::array();
      for (const ChoiceSpec& c : s.choices) words.push_back(c.word);
      p["choices"] = words;
      p["default"] = s.choices[s.default_choice].word;
    }
    out.push_back(p);
  }
  return out;
}

std::string ParameterSet::names() const {
  std::string out;
  for (const ParameterSpec& s : specs_) out += (out.empty() ? "" : ", ") + s.name;
  return out.empty() ? "none" : out;
}

}  // namespace looplab::app
