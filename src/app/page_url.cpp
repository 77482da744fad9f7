#include "page_url.h"

#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

#include <cstdlib>

namespace looplab::app {
namespace {

// URLSearchParams does the percent-decoding and -encoding the browser's way.
// (EM_JS bodies pass through a macro: no bare commas outside parentheses.)
EM_JS(char*, js_read_query, (), {
  return allocateUTF8(JSON.stringify(Array.from(new URLSearchParams(window.location.search))));
});

EM_JS(void, js_write_query, (const char* pairs_json), {
  const query = new URLSearchParams(JSON.parse(UTF8ToString(pairs_json))).toString();
  const url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  if (url !== window.location.pathname + window.location.search + window.location.hash) {
    window.history.replaceState(window.history.state, "", url);
  }
});

}  // namespace

std::vector<Parameter> read_page_url_parameters() {
  char* text = js_read_query();
  nlohmann::json pairs = nlohmann::json::parse(text, nullptr, false);
  std::free(text);
  std::vector<Parameter> out;
  if (!pairs.is_array()) return out;
  for (const auto& p : pairs) {
    if (p.is_array() && p.size() == 2 && p[0].is_string() && p[1].is_string())
      out.push_back({p[0].get<std::string>(), p[1].get<std::string>()});
  }
  return out;
}

void write_page_url_parameters(const std::vector<Parameter>& parameters) {
  nlohmann::json pairs = nlohmann::json::array();
  for (const Parameter& p : parameters) pairs.push_back({p.name, p.value});
  js_write_query(pairs.dump().c_str());
}

}  // namespace looplab::app
