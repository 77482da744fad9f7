#pragma once
// The page's address as the lesson's permalink: parameters live in the query string
// (?r1=10&mode=async), read once at start and rewritten in place (no new history entry)
// whenever they change, so the address bar is always a link to the set-up on screen.
#include "lesson.h"

#include <vector>

namespace looplab::app {

// The query string's parameters, decoded, in order.
std::vector<Parameter> read_page_url_parameters();
// Replaces the query string with `parameters` (keeps the path and the #fragment).
void write_page_url_parameters(const std::vector<Parameter>& parameters);

}  // namespace looplab::app
