// When the precompressed .gz sibling may be sent.
#include <doctest/doctest.h>

#include "site/accept_encoding.hpp"

using namespace looplab::backend;

TEST_CASE("gzip is sent when listed with a non-zero weight, or allowed by '*'") {
  CHECK(accepts_gzip("gzip, deflate, br"));
  CHECK(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  CHECK(accepts_gzip("*"));
  CHECK(accepts_gzip("x-gzip"));
}

TEST_CASE("gzip is not sent when absent, refused, or refused despite '*'") {
  CHECK_FALSE(accepts_gzip(""));
  CHECK_FALSE(accepts_gzip("identity"));
  CHECK_FALSE(accepts_gzip("gzip;q=0"));
  CHECK_FALSE(accepts_gzip("gzip; q=0.000"));
  CHECK_FALSE(accepts_gzip("*, gzip;q=0"));
  CHECK_FALSE(accepts_gzip("*;q=0"));
  CHECK_FALSE(accepts_gzip("gzipx"));
}
