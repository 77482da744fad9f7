// The one wasm module behind every LoopLab page; the page says which lesson to show.
#include "app.h"

#include <emscripten/emscripten.h>

#include <string>

namespace {

void report_fatal(const std::string& message) {
  EM_ASM({
    if (window.looplab && window.looplab._fatal) window.looplab._fatal(UTF8ToString($0));
  }, message.c_str());
}

void run_frame(void* app) { static_cast<looplab::app::App*>(app)->frame(); }

}  // namespace

int main(int argc, char** argv) {
  // Lives as long as the page: the browser owns the loop from here on.
  auto* app = new looplab::app::App(looplab::app::parse_launch_options(argc, argv));
  std::string error;
  if (!app->start(error)) {
    report_fatal(error);
    return 1;
  }
  emscripten_set_main_loop_arg(run_frame, app, 0, true);
  return 0;
}
