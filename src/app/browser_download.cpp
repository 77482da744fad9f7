#include "app/browser_download.h"

#include <emscripten/emscripten.h>

namespace looplab::app {
namespace {

// The text goes through a Blob and an object URL, dropped once the click has been handled.
EM_JS(void, js_offer_download, (const char* name, const char* mime, const char* text, int length), {
  const bytes = HEAPU8.slice(text, text + length);
  const url = URL.createObjectURL(new Blob([bytes], {type: UTF8ToString(mime)}));
  const link = document.createElement("a");
  link.href = url;
  link.download = UTF8ToString(name);
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(function() { URL.revokeObjectURL(url); }, 10000);
});

}  // namespace

void offer_download(const TraceFile& file) {
  js_offer_download(file.name.c_str(), file.mime.c_str(), file.text.data(), static_cast<int>(file.text.size()));
}

}  // namespace looplab::app
