#include "app/browser_clipboard.h"

#include <emscripten/emscripten.h>

namespace looplab::app {
namespace {

EM_JS(void, js_copy_to_clipboard, (const char* text, int length), {
  const value = new TextDecoder().decode(HEAPU8.slice(text, text + length));
  const fallback = function() {
    const area = document.createElement("textarea");
    area.value = value;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) {}
    area.remove();
  };
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(value).catch(fallback);
  else fallback();
});

}  // namespace

void copy_to_clipboard(std::string_view text) { js_copy_to_clipboard(text.data(), static_cast<int>(text.size())); }

}  // namespace looplab::app
