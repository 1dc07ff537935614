// What the JSON decoder targets share: a refusal renders as the problem+json a client gets.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_support.hpp"
#include "platform/http/request.hpp"

namespace qizhi::fuzz {

// Every error a user can act on (400, field, Chinese message), and Problem() renders them as
// application/problem+json with status 400 and one entry per error, which parses back.
inline void CheckProblem(const Errors& errors) {
  if (errors.empty()) return;
  CheckUserErrors(errors);
  const auto r = platform::http::Problem(errors);
  QZ_CHECK(r.status == 400, std::to_string(r.status));
  QZ_CHECK(r.content_type.rfind("application/problem+json", 0) == 0, r.content_type);
  const nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
  QZ_CHECK(!body.is_discarded() && body.is_object(), r.body);
  QZ_CHECK(body["status"] == 400, r.body);
  QZ_CHECK(body["errors"].is_array() && body["errors"].size() == errors.size(), r.body);
}

}  // namespace qizhi::fuzz
