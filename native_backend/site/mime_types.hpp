#pragma once
// Content-Type by file extension (case-insensitive). Browsers refuse to stream-compile
// wasm unless it is application/wasm, and refuse module scripts without a JS type.
#include <string_view>

namespace looplab::backend {

// application/octet-stream for anything unknown.
std::string_view mime_type_for(std::string_view file_name);

}  // namespace looplab::backend
