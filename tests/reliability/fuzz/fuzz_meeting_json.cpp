// Fuzz target: the JSON request decoder of the meeting routes (POST/PUT /api/v1/meetings), up to
// the database.
//
// The input is a request body. It goes through Request::Json() (the real one), then, when it is an
// object, through BodyFromJson (party/life/meeting_body.cpp, the routes' own decoder) and the
// rules the routes apply before they read the unit's roll: ValidateMeeting and
// ValidateAttendance (party/life/rules.cpp).
//
// Checks: Request::Json() throws nothing but HttpError 400 on field "body"; nothing after it
// throws (anything would be a 500 in Server::DispatchRoute); every error has a field, a Chinese
// message and code 400, and Problem() renders them as problem+json with status 400; the decoded
// text fields are trimmed.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "fuzz_problem.hpp"
#include "party/life/meeting_body.hpp"
#include "party/life/rules.hpp"
#include "platform/core/text.hpp"
#include "platform/http/request.hpp"

using namespace qizhi;
using fuzz::CheckProblem;
using fuzz::Fail;
using nlohmann::json;
using platform::http::HttpError;

namespace {

void MeetingWrite(const json& body) {
  Errors errors;
  const party::life::MeetingBody b = party::life::BodyFromJson(body, errors);
  CheckProblem(errors);
  for (const std::string* s : {&b.input.place, &b.input.topic, &b.input.presenter, &b.input.recorder, &b.campaign,
                               &b.should_reason})
    QZ_CHECK(Trim(*s) == *s, *s);
  if (!errors.empty()) return;
  const Date today{2026, 11, 24};
  if (auto v = party::life::ValidateMeeting(b.input, today); !v.ok()) CheckProblem(v.errors());
  party::life::AttendanceInput a;
  a.should = b.should ? *b.should : a.came;
  a.computed = a.should;
  if (!b.should_reason.empty() && !a.computed.empty()) a.computed.pop_back();
  a.should_reason = b.should_reason;
  a.came = b.came;
  a.absent = b.absent;
  if (auto v = party::life::ValidateAttendance(a); !v.ok()) CheckProblem(v.errors());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  platform::http::Request req;
  req.method = "POST";
  req.path = "/api/v1/meetings";
  req.body.assign(reinterpret_cast<const char*>(data), size);
  try {
    json body;
    try {
      body = req.Json();
    } catch (const HttpError& e) {
      QZ_CHECK(e.code() == ErrorCode::kInvalid && e.errors().size() == 1 && e.errors()[0].field == "body", e.what());
      CheckProblem(e.errors());
      return 0;
    }
    QZ_CHECK(body.is_object(), req.body);
    MeetingWrite(body);
  } catch (const HttpError& e) {
    Fail(__FILE__, __LINE__, "a decoder threw HttpError after Json()", e.what());
  } catch (const std::exception& e) {
    Fail(__FILE__, __LINE__, "an exception that would be a 500", e.what());
  }
  return 0;
}
