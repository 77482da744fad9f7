// The lesson's programs, each mirroring its snippet in snippets/ statement by statement and
// run inside the calling task: `text` is the rendered snippet, whose lines the code panel
// lights (found by their text, so editing a snippet cannot shift them).
#pragma once

#include <string>

#include "scenario.h"

namespace looplab::generators {

void run_evens(const Settings& s, const std::string& text);
void run_counting(const Settings& s, const std::string& text);
void run_running_sum(const Settings& s, const std::string& text);
void run_round_robin(const Settings& s, const std::string& text);

// One next()/send() has happened: the virtual clock moves on by the modelled step cost, so
// the steps stand apart on the timeline (nothing else in these programs takes time).
void charge_step(const Settings& s);

}  // namespace looplab::generators
