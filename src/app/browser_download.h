#pragma once
// Hands the browser a file to save, as a link with `download` would.
#include "app/trace_file.h"

namespace looplab::app {

void offer_download(const TraceFile& file);

}  // namespace looplab::app
