// Browsers insist on the right types for wasm, module scripts and fonts.
#include <doctest/doctest.h>

#include "site/mime_types.hpp"

using namespace looplab::backend;

TEST_CASE("the page's assets get the types browsers require") {
  CHECK(mime_type_for("app.wasm") == "application/wasm");
  CHECK(mime_type_for("/lessons/x/app.js") == "text/javascript; charset=utf-8");
  CHECK(mime_type_for("index.html") == "text/html; charset=utf-8");
  CHECK(mime_type_for("style.css") == "text/css; charset=utf-8");
  CHECK(mime_type_for("lesson.json") == "application/json");
  CHECK(mime_type_for("DejaVuSans.ttf") == "font/ttf");
  CHECK(mime_type_for("font.woff2") == "font/woff2");
  CHECK(mime_type_for("icon.png") == "image/png");
  CHECK(mime_type_for("logo.svg") == "image/svg+xml");
}

TEST_CASE("extensions compare case-insensitively; unknown ones are plain bytes") {
  CHECK(mime_type_for("A.WASM") == "application/wasm");
  CHECK(mime_type_for("README") == "application/octet-stream");
  CHECK(mime_type_for(".hidden") == "application/octet-stream");
  CHECK(mime_type_for("dir.js/file") == "application/octet-stream");
  CHECK(mime_type_for("x.unknown") == "application/octet-stream");
}
