// The main() of every lesson's unit tests (looplab_add_lesson TESTS ...).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
