// What the verdict panel shows: plain data a lesson fills from its measured run.
#pragma once

#include <string>
#include <vector>

namespace looplab::ui {

struct VerdictRow {
  std::string what;    // "measured", "model: sum of delays", "seed's run, scaled"
  double seconds;
  std::string note;    // "17.04 s for 10+2+5 s, x0.1"
  bool measured = false;  // the row the others are compared with
};

struct Verdict {
  std::vector<VerdictRow> rows;
  std::vector<std::string> finish_order;  // task names, first to finish first
  std::string expected_order_note;        // "the seed saw R2, R3, R1"
  std::string meaning;                    // one sentence, chosen from what was measured
  std::vector<std::string> notes;         // further sentences: where the time went, what to try next
  bool matches_model = false;             // measured within tolerance of the model's prediction
};

}  // namespace looplab::ui
