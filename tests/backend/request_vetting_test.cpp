// What HTTP/1.1 says to refuse: the framing, Host, Expect, bodies, obs-fold.
#include <doctest/doctest.h>

#include "http/request_vetting.hpp"

using namespace looplab::backend;

namespace {

http::request_header<> header_with(std::initializer_list<std::pair<const char*, const char*>> fields, int version = 11) {
  http::request_header<> header;
  header.method(http::verb::get);
  header.target("/delay-me");
  header.version(version);
  for (auto [name, value] : fields) header.insert(name, value);
  return header;
}

std::optional<Refusal> vet(std::initializer_list<std::pair<const char*, const char*>> fields, BodyPlan& plan,
                           std::uint64_t body_limit = 0, int version = 11) {
  return vet_header(header_with(fields, version), body_limit, plan);
}

}  // namespace

TEST_CASE("a plain request passes, and HTTP/1.1 needs exactly one Host") {
  BodyPlan plan;
  CHECK_FALSE(vet({{"Host", "x"}}, plan));
  CHECK_FALSE(plan.has_body);
  CHECK(vet({}, plan)->status == http::status::bad_request);
  CHECK(vet({{"Host", "a"}, {"Host", "b"}}, plan)->sentence.find("more than one Host") != std::string::npos);
  CHECK_FALSE(vet({}, plan, 0, 10));  // HTTP/1.0 may leave it out
}

TEST_CASE("framing must be one Content-Length or chunked alone") {
  BodyPlan plan;
  for (const char* coding : {"xchunked", "chunked, identity", "gzip", "identity"}) {
    CAPTURE(coding);
    auto refusal = vet({{"Host", "x"}, {"Transfer-Encoding", coding}}, plan, 1024);
    REQUIRE(refusal);
    CHECK(refusal->status == http::status::bad_request);
  }
  CHECK(vet({{"Host", "x"}, {"Transfer-Encoding", "chunked"}, {"Content-Length", "3"}}, plan, 1024)->status ==
        http::status::bad_request);
  CHECK(vet({{"Host", "x"}, {"Content-Length", "0"}, {"Content-Length", "5"}}, plan)->status ==
        http::status::bad_request);
  CHECK_FALSE(vet({{"Host", "x"}, {"Content-Length", "0"}}, plan));
}

TEST_CASE("no endpoint takes a body: any body is 413 unless a limit allows it") {
  BodyPlan plan;
  auto refusal = vet({{"Host", "x"}, {"Content-Length", "5"}}, plan);
  REQUIRE(refusal);
  CHECK(refusal->status == http::status::payload_too_large);
  CHECK(vet({{"Host", "x"}, {"Transfer-Encoding", "chunked"}}, plan)->status == http::status::payload_too_large);
  CHECK_FALSE(vet({{"Host", "x"}, {"Content-Length", "5"}}, plan, 10));
  CHECK(plan.has_body);
  CHECK(vet({{"Host", "x"}, {"Content-Length", "11"}}, plan, 10)->status == http::status::payload_too_large);
}

TEST_CASE("Expect: 100-continue is the only expectation met") {
  BodyPlan plan;
  CHECK_FALSE(vet({{"Host", "x"}, {"Content-Length", "5"}, {"Expect", "100-Continue"}}, plan, 10));
  CHECK(plan.expects_continue);
  CHECK(vet({{"Host", "x"}, {"Expect", "something"}}, plan)->status == http::status::expectation_failed);
}

TEST_CASE("obs-fold continuation lines are refused in the raw header") {
  CHECK(vet_raw_header("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n"));
  CHECK(vet_raw_header("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\tfolded\r\n\r\n"));
  CHECK_FALSE(vet_raw_header("GET / HTTP/1.1\r\nHost: x\r\nX-A: a b\r\n\r\n"));
}
