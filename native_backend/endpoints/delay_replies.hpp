#pragma once
// The replies of the delay endpoints (/delay-me, /blocking-delay), so both answer with
// the same bytes: a finished wait like the Django teaching view, a cut-short one with
// a sentence saying after how long and why.
#include <chrono>
#include <string_view>

#include "endpoints/delay_seconds.hpp"
#include "http/endpoint.hpp"

namespace looplab::backend {

// 200, text/html; charset=utf-8, "Done, I waited for N secs".
StringResponse delay_done_response(const Request& request, const DelaySeconds& delay);

// 503: "<what> of N seconds was cut short after T seconds[ detail]: <why it was cancelled>."
// (`what` e.g. "The delay"; `detail` e.g. ", before a worker thread was free"). A cut
// by the shutdown is worth a warning in the log; a vanished client is not (the
// session logs 499 and nobody reads this reply).
StringResponse delay_cut_short_response(const Request& request, RequestContext& context, std::string_view what,
                                        const DelaySeconds& delay, std::chrono::steady_clock::duration waited,
                                        std::string_view detail = {});

}  // namespace looplab::backend
