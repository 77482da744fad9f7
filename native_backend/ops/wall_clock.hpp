#pragma once
// Wall-clock timestamps for logs, formatted without iostreams or locale lookups.
#include <string>

namespace looplab::backend {

// Appends the current UTC time as 2026-11-23T19:01:07.123Z.
void append_iso_timestamp(std::string& out);

}  // namespace looplab::backend
