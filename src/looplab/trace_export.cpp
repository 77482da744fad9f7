#include "looplab/trace_export.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "looplab/trace_index.hpp"

namespace looplab {
namespace {

template <class Enum> Enum enum_from(const std::string& name, int count, const char* what) {
  for (int i = 0; i < count; ++i)
    if (name == to_string(static_cast<Enum>(i))) return static_cast<Enum>(i);
  throw std::invalid_argument(std::string("unknown ") + what + " '" + name + "' in trace JSON");
}

double micros(double seconds) { return std::round(seconds * 1e9) / 1e3; }

nlohmann::json seconds_or_null(double s) { return std::isnan(s) ? nlohmann::json(nullptr) : nlohmann::json(s); }
// JSON has no infinity: a wait without a deadline is written as null.
nlohmann::json finite_or_null(double s) { return std::isfinite(s) ? nlohmann::json(s) : nlohmann::json(nullptr); }
double seconds_from(const nlohmann::json& op, const char* key) {
  const auto it = op.find(key);
  return it == op.end() || it->is_null() ? std::numeric_limits<double>::quiet_NaN() : it->get<double>();
}

std::string step_cost_label(double seconds) {
  char text[64];
  std::snprintf(text, sizeof text, "step cost %g us", micros(seconds));
  return text;
}

}  // namespace

nlohmann::json to_json(const Trace& trace) {
  using nlohmann::json;
  json strings = json::array();
  for (std::size_t i = 0; i < trace.string_count(); ++i) strings.push_back(trace.text(static_cast<StringId>(i)));
  json tasks = json::array();
  for (const TaskInfo& t : trace.tasks())
    tasks.push_back({{"name", t.name}, {"number", t.number}, {"parent", t.parent},
                     {"created_event", t.created_event}, {"finished_event", t.finished_event}});
  json objects = json::array();
  for (const ObjectInfo& o : trace.objects()) objects.push_back({{"kind", to_string(o.kind)}, {"name", o.name}});
  json ops = json::array();
  for (const IoOpInfo& op : trace.io_ops())
    ops.push_back({{"task", op.task}, {"description", op.description}, {"sent_event", op.sent_event},
                   {"answered_event", op.answered_event}, {"blocking", op.blocking}, {"ok", op.ok},
                   {"status", op.status}, {"rows", op.rows}, {"reply", op.reply}, {"error", op.error},
                   {"until_first", seconds_or_null(op.until_first)}, {"transfer", seconds_or_null(op.transfer)},
                   {"queued", seconds_or_null(op.queued)}});
  json timers = json::array();
  for (const TimerInfo& t : trace.timers()) timers.push_back(json::array({t.deadline, t.task, t.set_event, t.end_event}));
  json waits = json::array();
  for (const LoopWait& w : trace.waits()) waits.push_back(json::array({w.began, finite_or_null(w.timeout)}));
  json generators = json::array();
  for (const GeneratorInfo& g : trace.generators())
    generators.push_back(json::array({g.name, g.task, g.def_line, g.created_event}));
  json steps = json::array();
  for (const GeneratorStep& st : trace.generator_steps())
    steps.push_back(json::array({st.generator, to_string(st.kind), to_string(st.call), st.line, st.value}));
  json events = json::array();
  for (const TraceEvent& e : trace.events())
    events.push_back(json::array({e.time, to_string(e.kind), e.task, e.related, e.detail, to_string(e.state),
                                  to_string(e.cause)}));
  return {{"format", "looplab-trace"}, {"version", 1},     {"clock", trace.clock_name()},
          {"step_cost", trace.step_cost()},
          {"strings", strings},        {"tasks", tasks},   {"objects", objects},
          {"io_ops", ops},             {"timers", timers}, {"waits", waits}, {"events", events},
          {"generators", generators},  {"generator_steps", steps}};
}

Trace trace_from_json(const nlohmann::json& doc) {
  if (!doc.is_object() || doc.value("format", "") != "looplab-trace")
    throw std::invalid_argument("not a LoopLab trace: expected an object with \"format\": \"looplab-trace\"");
  if (doc.value("version", 0) != 1) throw std::invalid_argument("unsupported LoopLab trace version");
  try {
    const auto& strings = doc.at("strings");
    Trace trace(doc.at("events").size());
    trace.clock_name_ = doc.value("clock", "virtual");
    trace.step_cost_ = doc.value("step_cost", 0.0);  // traces from before the step cost have none
    trace.strings_.clear();
    trace.interned_.clear();
    trace.string_bytes_ = 0;
    for (const auto& s : strings) {
      trace.strings_.push_back(s.get<std::string>());
      trace.string_bytes_ += trace.strings_.back().size() > 15 ? trace.strings_.back().size() + 1 : 0;
    }
    if (trace.strings_.empty()) throw std::invalid_argument("trace JSON has no string table");
    const auto string_id = [&](const nlohmann::json& v) {
      auto id = v.get<StringId>();
      if (id >= trace.strings_.size()) throw std::invalid_argument("string id out of range in trace JSON");
      return id;
    };
    trace.tasks_.clear();
    for (const auto& t : doc.at("tasks"))
      trace.tasks_.push_back(TaskInfo{string_id(t.at("name")), t.at("number").get<std::uint32_t>(),
                                      t.at("parent").get<TaskId>(), t.at("created_event").get<std::uint32_t>(),
                                      t.at("finished_event").get<std::uint32_t>()});
    trace.objects_.clear();
    for (const auto& o : doc.at("objects"))
      trace.objects_.push_back(ObjectInfo{
          enum_from<ObjectKind>(o.at("kind").get<std::string>(), kObjectKindCount, "object kind"),
          string_id(o.at("name"))});
    trace.io_ops_.clear();
    for (const auto& op : doc.at("io_ops")) {
      IoOpInfo info;
      info.task = op.at("task").get<TaskId>();
      info.description = string_id(op.at("description"));
      info.sent_event = op.at("sent_event").get<std::uint32_t>();
      info.answered_event = op.at("answered_event").get<std::uint32_t>();
      info.blocking = op.at("blocking").get<bool>();
      // The result fields came later: a trace written before them still reads.
      info.ok = op.value("ok", false);
      info.status = op.value("status", 0);
      info.rows = op.value("rows", 0u);
      info.reply = string_id(op.value("reply", nlohmann::json(0)));
      info.error = string_id(op.value("error", nlohmann::json(0)));
      info.until_first = seconds_from(op, "until_first");
      info.transfer = seconds_from(op, "transfer");
      info.queued = seconds_from(op, "queued");
      trace.io_ops_.push_back(info);
    }
    // Loop phases came later, and only some runs record them.
    trace.timers_.clear();
    for (const auto& t : doc.value("timers", nlohmann::json::array())) {
      if (t.size() != 4) throw std::invalid_argument("a trace timer must be an array of 4 fields");
      trace.timers_.push_back(TimerInfo{t[0].get<double>(), t[1].get<TaskId>(), t[2].get<std::uint32_t>(),
                                        t[3].get<std::uint32_t>()});
    }
    if (trace.timers_.empty()) trace.timers_.emplace_back();  // TimerNumber 0: none
    for (const auto& w : doc.value("waits", nlohmann::json::array())) {
      if (w.size() != 2) throw std::invalid_argument("a trace wait must be an array of 2 fields");
      trace.waits_.push_back(LoopWait{w[0].get<double>(), w[1].is_null() ? std::numeric_limits<double>::infinity()
                                                                          : w[1].get<double>()});
    }
    // Generators came later too: a trace without them has only the GeneratorId 0 entry.
    trace.generators_.clear();
    for (const auto& g : doc.value("generators", nlohmann::json::array())) {
      if (g.size() != 4) throw std::invalid_argument("a trace generator must be an array of 4 fields");
      trace.generators_.push_back(GeneratorInfo{string_id(g[0]), g[1].get<TaskId>(), g[2].get<std::uint32_t>(),
                                                g[3].get<std::uint32_t>()});
    }
    if (trace.generators_.empty()) trace.generators_.emplace_back();
    for (const auto& st : doc.value("generator_steps", nlohmann::json::array())) {
      if (st.size() != 5) throw std::invalid_argument("a trace generator step must be an array of 5 fields");
      const auto generator = st[0].get<GeneratorId>();
      if (generator >= trace.generators_.size()) throw std::invalid_argument("generator id out of range in trace JSON");
      trace.generator_steps_.push_back(GeneratorStep{
          generator, enum_from<GeneratorStepKind>(st[1].get<std::string>(), kGeneratorStepKindCount, "generator step"),
          enum_from<GeneratorCall>(st[2].get<std::string>(), kGeneratorCallCount, "generator call"),
          st[3].get<std::uint32_t>(), string_id(st[4])});
    }
    for (const auto& e : doc.at("events")) {
      if (!e.is_array() || e.size() != 7) throw std::invalid_argument("a trace event must be an array of 7 fields");
      const TaskId task = e[2].get<TaskId>();
      if (task >= trace.tasks_.size()) throw std::invalid_argument("task id out of range in trace JSON");
      trace.events_.push_back(TraceEvent{
          e[0].get<double>(), task, e[3].get<std::uint32_t>(), e[4].get<std::uint32_t>(),
          enum_from<EventKind>(e[1].get<std::string>(), kEventKindCount, "event kind"),
          enum_from<TaskState>(e[5].get<std::string>(), kTaskStateCount, "task state"),
          enum_from<WakeCause>(e[6].get<std::string>(), kWakeCauseCount, "wake cause"), 0});
    }
    return trace;
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("malformed LoopLab trace JSON: ") + e.what());
  }
}

nlohmann::json to_chrome_trace(const Trace& trace) {
  using nlohmann::json;
  TraceIndex index;
  index.update(trace);
  const double end = index.end_time();
  json out = json::array();
  out.push_back({{"name", "process_name"}, {"ph", "M"}, {"pid", 1}, {"args", {{"name", "LoopLab event loop"}}}});
  out.push_back({{"name", "process_labels"}, {"ph", "M"}, {"pid", 1},
                 {"args", {{"labels", step_cost_label(trace.step_cost())}}}});
  for (TaskId t = 0; t < trace.tasks().size(); ++t) {
    out.push_back({{"name", "thread_name"}, {"ph", "M"}, {"pid", 1}, {"tid", t}, {"args", {{"name", trace.task_name(t)}}}});
    if (t >= index.task_count()) continue;
    for (const StateSpan& s : index.spans(t)) {
      if (is_finished(s.state)) {
        out.push_back({{"name", to_string(s.state)}, {"ph", "i"}, {"s", "t"}, {"pid", 1}, {"tid", t},
                       {"ts", micros(s.start)}});
        continue;
      }
      const double stop = std::isfinite(s.end) ? s.end : end;
      json args = {{"cause", to_string(s.cause)}};
      if (s.related != 0) args["related"] = s.related;
      if (s.detail != 0) args["detail"] = s.detail;
      out.push_back({{"name", to_string(s.state)}, {"cat", "task"}, {"ph", "X"}, {"pid", 1}, {"tid", t},
                     {"ts", micros(s.start)}, {"dur", micros(stop) - micros(s.start)}, {"args", args}});
    }
  }
  for (const TraceEvent& e : trace.events()) {
    const char* name = nullptr;
    json args;
    switch (e.kind) {
      case EventKind::print: name = "print"; args = {{"text", trace.text(e.detail)}}; break;
      case EventKind::io_sent: name = "io sent"; args = {{"op", e.related}, {"what", trace.text(e.detail)}}; break;
      case EventKind::io_answered: {
        name = "io answered";
        const IoOpInfo& op = trace.io_ops().at(e.related);
        args = {{"op", e.related}, {"result", trace.text(e.detail)}, {"reply", trace.text(op.reply)}};
        if (op.rows > 0) args["rows"] = op.rows;
        if (!std::isnan(op.until_first)) args["until_first_s"] = op.until_first;
        if (!std::isnan(op.transfer)) args["transfer_s"] = op.transfer;
        if (!std::isnan(op.queued)) args["queued_s"] = op.queued;
        break;
      }
      case EventKind::never_awaited: name = "coroutine never awaited"; args = {{"coroutine", trace.text(e.detail)}}; break;
      case EventKind::error_unretrieved: name = "exception never retrieved"; args = {{"error", trace.text(e.detail)}}; break;
      case EventKind::callback: name = "callback"; args = {{"callback", trace.text(e.detail)}}; break;
      case EventKind::error_in_callback: name = "exception in callback"; args = {{"error", trace.text(e.detail)}}; break;
      case EventKind::error_at_shutdown: name = "exception during asyncio.run() shutdown"; args = {{"error", trace.text(e.detail)}}; break;
      case EventKind::iteration: name = "iteration"; args = {{"n", e.related}, {"callbacks", e.detail}}; break;
      case EventKind::select: {
        name = "select";
        const LoopWait& w = trace.waits().at(e.related);
        args = {{"began_s", w.began}, {"timeout_s", finite_or_null(w.timeout)}, {"completions", e.detail}};
        break;
      }
      case EventKind::timer_due: name = "timer due"; args = {{"timer", e.related}}; break;
      case EventKind::generator: {
        name = "generator";
        const GeneratorStep& s = trace.generator_steps().at(e.detail);
        args = {{"generator", trace.text(trace.generators().at(s.generator).name)}, {"step", to_string(s.kind)},
                {"call", to_string(s.call)}, {"line", s.line}, {"value", trace.text(s.value)}};
        break;
      }
      default: break;
    }
    if (name == nullptr) continue;
    out.push_back({{"name", name}, {"ph", "i"}, {"s", "t"}, {"pid", 1}, {"tid", e.task}, {"ts", micros(e.time)}, {"args", args}});
  }
  return {{"traceEvents", out}, {"displayTimeUnit", "ms"}};
}

}  // namespace looplab
