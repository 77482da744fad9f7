#include "ui/chart_csv.h"

#include <cmath>
#include <cstdio>

namespace looplab::ui {
namespace {

std::string heading(const Axis& axis, const char* suffix) {
  std::string h = axis.label.empty() ? std::string("value") : axis.label;
  h += suffix;
  if (!axis.unit.empty()) h += " (" + axis.unit + ")";
  return csv_field(h);
}

std::string number(double v) {
  if (!std::isfinite(v)) return "";  // an empty cell: no value, not "nan"
  char text[40];
  std::snprintf(text, sizeof text, "%.10g", v);
  return text;
}

}  // namespace

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string chart_csv(const Chart& chart) {
  bool spans = false;
  for (const Series& s : chart.series) spans = spans || s.kind == SeriesKind::spans;
  std::string out = "series,point," + heading(chart.x, spans ? " start" : "") + "," + heading(chart.y, "");
  if (spans) out += "," + heading(chart.x, " end");
  out += "\r\n";
  for (const Series& s : chart.series) {
    for (const ChartPoint& p : s.points) {
      out += csv_field(s.name) + "," + csv_field(p.label) + "," + number(p.x) + "," + number(p.y);
      if (spans) out += "," + (s.kind == SeriesKind::spans ? number(p.x_end) : std::string());
      out += "\r\n";
    }
  }
  return out;
}

}  // namespace looplab::ui
