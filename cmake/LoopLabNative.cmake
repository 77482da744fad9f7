# Native (g++ 12) settings shared by the backend, the core and the tests.
add_compile_options(-Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(LOOPLAB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
find_package(Threads REQUIRED)
