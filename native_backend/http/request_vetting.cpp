#include "http/request_vetting.hpp"

#include <cstdint>
#include <iterator>

#include <boost/beast/core/string.hpp>

namespace looplab::backend {
namespace {

Refusal bad_request(std::string sentence) { return {http::status::bad_request, std::move(sentence)}; }

std::size_t count_fields(const http::request_header<>& header, http::field field) {
  auto [first, last] = header.equal_range(field);
  return static_cast<std::size_t>(std::distance(first, last));
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<Refusal> vet_raw_header(std::string_view header) {
  for (std::size_t at = header.find('\n'); at != std::string_view::npos && at + 1 < header.size();
       at = header.find('\n', at + 1)) {
    char next = header[at + 1];
    if (next == ' ' || next == '\t')
      return bad_request("A header line starts with a space or tab (obs-fold, a line folded onto the previous "
                         "one): HTTP/1.1 forbids it in requests; send each header on one line.");
  }
  return std::nullopt;
}

std::optional<Refusal> vet_header(const http::request_header<>& header, std::uint64_t body_limit, BodyPlan& plan) {
  plan = {};
  std::size_t hosts = count_fields(header, http::field::host);
  if (header.version() >= 11 && hosts != 1)
    return bad_request(hosts == 0 ? "An HTTP/1.1 request needs a Host header; this one has none."
                                  : "The request has more than one Host header; send exactly one.");
  if (hosts > 1) return bad_request("The request has more than one Host header; send exactly one.");

  std::size_t codings = count_fields(header, http::field::transfer_encoding);
  std::size_t lengths = count_fields(header, http::field::content_length);
  if (codings > 0) {
    if (header.version() < 11)
      return bad_request("Transfer-Encoding is not part of HTTP/1.0; send a Content-Length instead.");
    if (lengths > 0)
      return bad_request("The request has both Transfer-Encoding and Content-Length, which makes its length "
                         "ambiguous; send one of them.");
    std::string_view coding = trimmed(header[http::field::transfer_encoding]);
    if (codings > 1 || !beast::iequals(coding, "chunked"))
      return bad_request("Transfer-Encoding must be exactly \"chunked\"; other codings, or chunked combined with "
                         "others, leave the length of the body unclear.");
    plan.has_body = true;
  } else if (lengths > 1) {
    return bad_request("The request has more than one Content-Length; send exactly one.");
  } else if (lengths == 1) {
    std::string_view length = trimmed(header[http::field::content_length]);
    plan.has_body = length.find_first_not_of('0') != std::string_view::npos;  // "0" and "00" mean none
  }

  std::size_t expectations = count_fields(header, http::field::expect);
  if (expectations > 0) {
    if (expectations > 1 || !beast::iequals(trimmed(header[http::field::expect]), "100-continue"))
      return Refusal{http::status::expectation_failed,
                     "The only expectation this server meets is Expect: 100-continue."};
    plan.expects_continue = plan.has_body;
  }

  if (plan.has_body) {
    bool chunked = codings > 0;
    std::uint64_t length = 0;
    if (!chunked) {
      std::string_view text = trimmed(header[http::field::content_length]);
      for (char c : text) {
        if (c < '0' || c > '9' || length > (UINT64_MAX - 9) / 10)
          return bad_request("The Content-Length is not a number.");
        length = length * 10 + static_cast<std::uint64_t>(c - '0');
      }
    }
    if (body_limit == 0)
      return Refusal{http::status::payload_too_large,
                     "LoopLab's endpoints take no request body; send the request without one."};
    if (chunked || length > body_limit)
      return Refusal{http::status::payload_too_large,
                     "The request body is too large: at most " + std::to_string(body_limit) +
                         " bytes are accepted" + (chunked ? ", with a Content-Length." : ".")};
  }
  return std::nullopt;
}

}  // namespace looplab::backend
