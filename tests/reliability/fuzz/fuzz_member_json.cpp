// Fuzz target: the JSON request decoders of the member routes, up to the database.
//
// The input is a request body. It goes through Request::Json() (platform/http/request.cpp, the
// real one), then, when it is an object, through what the member routes do before they open a
// database session: the MemberInput fields (InputFromJson), ValidateMember, unit_since and
// transfer_in of POST /members, the version of PUT /members/{id}, the bodies of posts,
// dual-appointments and transfers, and PostsToEnd with its ended_on — all with the real JsonText
// and the real validators (party/members/rules.cpp).
//
// InputFromJson itself lives in route_support.cpp, which includes SOCI, the store and the cipher;
// linking it would drag the database layer in. Its 20 lines are therefore mirrored below
// (MemberInputFromJson): keep them in step with route_support.cpp.
//
// Checks: Request::Json() throws nothing but HttpError 400 on field "body"; no decoder throws
// (anything but HttpError would be a 500 in Server::DispatchRoute); every error has a field, a
// Chinese message and code 400, and Problem() renders them as application/problem+json with
// status 400 that parses back; an accepted member is normalised (18-character ID, birth date
// from it) and validates again unchanged.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_problem.hpp"
#include "party/members/rules.hpp"
#include "platform/core/date.hpp"
#include "platform/http/request.hpp"
#include "platform/pii/id_number.hpp"

namespace {

using namespace qizhi;
using namespace qizhi::fuzz;
using namespace qizhi::party::members;
using nlohmann::json;
using platform::http::HttpError;
using platform::http::JsonText;

const Date kToday{2026, 11, 24};

// Mirror of party::members::InputFromJson (src/party/members/route_support.cpp).
MemberInput MemberInputFromJson(const json& body, Errors& errors) {
  MemberInput in;
  in.name = JsonText(body, "name", errors);
  in.sex = JsonText(body, "sex", errors);
  in.id_number = JsonText(body, "id_number", errors);
  in.ethnicity = JsonText(body, "ethnicity", errors);
  in.native_place = JsonText(body, "native_place", errors);
  in.education = JsonText(body, "education", errors);
  in.category = JsonText(body, "category", errors);
  in.job = JsonText(body, "job", errors);
  in.phone = JsonText(body, "phone", errors);
  in.status = JsonText(body, "status", errors);
  in.joined_on = JsonText(body, "joined_on", errors);
  in.full_on = JsonText(body, "full_on", errors);
  in.hardship_note = JsonText(body, "hardship_note", errors);
  in.flow_to = JsonText(body, "flow_to", errors);
  in.flow_since = JsonText(body, "flow_since", errors);
  for (auto [name, target] : {std::pair<const char*, bool*>{"hardship", &in.hardship}, {"flowing", &in.flowing}}) {
    if (!body.contains(name) || body[name].is_null()) continue;
    if (!body[name].is_boolean()) errors.push_back(Invalid(name, "应为是或否"));
    else *target = body[name].get<bool>();
  }
  return in;
}

void Append(Errors& errors, const Errors& more) { errors.insert(errors.end(), more.begin(), more.end()); }

// What the route would answer for `errors`: a 400 problem+json the client can parse.
// JsonText: "" when absent or null, the text when text, an error naming the field otherwise.
void CheckJsonText(const json& body, const char* name) {
  Errors errors;
  const std::string v = JsonText(body, name, errors);
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    QZ_CHECK(v.empty() && errors.empty(), name);
  } else if (it->is_string()) {
    QZ_CHECK(v == it->get<std::string>() && errors.empty(), name);
  } else {
    QZ_CHECK(v.empty() && errors.size() == 1 && errors[0].field == name, name);
  }
}

// POST /api/v1/members and PUT /api/v1/members/{id}, up to the database.
void MemberWrite(json& body) {
  Errors errors;
  const MemberInput in = MemberInputFromJson(body, errors);
  for (const char* name : {"name", "sex", "id_number", "phone", "joined_on", "unit_since"}) CheckJsonText(body, name);
  const auto valid = ValidateMember(in, kToday);
  if (!valid.ok()) {
    Append(errors, valid.errors());
  } else {
    const ValidMember& v = valid.value();
    QZ_CHECK(v.input.id_number.size() == 18, v.input.id_number);
    const auto id = platform::pii::ParseIdNumber(v.input.id_number, "id_number", FormatDate(kToday));
    QZ_CHECK(id.ok() && id.value().birth_date == v.birth_date, v.birth_date);
    QZ_CHECK(v.input.sex == "男" || v.input.sex == "女", v.input.sex);
    QZ_CHECK(ParseDate(v.input.joined_on).has_value(), v.input.joined_on);
    // Normalising is idempotent: the stored record validates to itself.
    const auto again = ValidateMember(v.input, kToday);
    QZ_CHECK(again.ok() && again.value().input.id_number == v.input.id_number &&
                 again.value().input.phone == v.input.phone && again.value().input.ethnicity == v.input.ethnicity,
             v.input.id_number);
  }
  const std::string unit_since = JsonText(body, "unit_since", errors);
  if (!unit_since.empty()) {
    const auto d = ParseDate(unit_since);
    if (!d) errors.push_back(Invalid("unit_since", "编入本支部日期格式应为 YYYY-MM-DD"));
    else if (*d > kToday) errors.push_back(Invalid("unit_since", "编入本支部日期不能晚于今天"));
    else if (valid.ok() && unit_since < valid.value().input.joined_on)
      errors.push_back(Invalid("unit_since", "编入本支部日期不能早于入党日期"));
  }
  if (body.contains("transfer_in") && !body["transfer_in"].is_null()) {
    const auto& t = body["transfer_in"];
    if (!t.is_object()) {
      errors.push_back(Invalid("transfer_in", "组织关系转入信息格式不正确"));
    } else {
      Errors terr;
      const std::string external_org = JsonText(t, "external_org", terr);
      const std::string letter_no = JsonText(t, "letter_no", terr);
      const std::string issued_on = JsonText(t, "issued_on", terr);
      const std::string effective_on = JsonText(t, "effective_on", terr);
      (void)JsonText(t, "note", terr);
      if (external_org.empty()) terr.push_back(Invalid("external_org", "请填写转出党组织"));
      const auto letter = ValidateTransferLetter(letter_no, issued_on, effective_on, kToday);
      if (!letter.ok()) Append(terr, letter.errors());
      for (auto& e : terr) {
        e.field = "transfer_in." + e.field;
        errors.push_back(e);
      }
    }
  }
  CheckProblem(errors);

  // PUT: the version the client read.
  Errors put;
  if (!body.contains("version") || !body["version"].is_number_integer())
    put.push_back(Invalid("version", "缺少版本号，请刷新后重试"));
  else
    (void)body["version"].get<int64_t>();
  CheckProblem(put);
}

// POST /members/{id}/posts, /dual-appointments, /transfers and the end of a post.
void TabWrites(const json& body) {
  {
    Errors errors;
    PostInput in;
    in.kind = JsonText(body, "kind", errors);
    in.title = JsonText(body, "title", errors);
    in.department = JsonText(body, "department", errors);
    in.started_on = JsonText(body, "started_on", errors);
    in.appoint_doc = JsonText(body, "appoint_doc", errors);
    const auto v = ValidatePost(in, kToday);
    if (!v.ok()) Append(errors, v.errors());
    CheckProblem(errors);
  }
  {
    Errors errors;
    DualAppointment in;
    in.hospital_title = JsonText(body, "hospital_title", errors);
    in.department = JsonText(body, "department", errors);
    in.party_title = JsonText(body, "party_title", errors);
    in.started_on = JsonText(body, "started_on", errors);
    in.appoint_doc = JsonText(body, "appoint_doc", errors);
    const auto v = ValidateDualAppointment(in, kToday);
    if (!v.ok()) Append(errors, v.errors());
    CheckProblem(errors);
  }
  {
    Errors errors;
    const std::string kind = JsonText(body, "kind", errors);
    const std::string external_org = JsonText(body, "external_org", errors);
    const std::string letter_no = JsonText(body, "letter_no", errors);
    const std::string issued_on = JsonText(body, "issued_on", errors);
    const std::string effective_on = JsonText(body, "effective_on", errors);
    if (kind != "between" && kind != "out")
      errors.push_back(Invalid("kind", "转接类型应为 between（系统内转接）或 out（转出）"));
    const auto letter = ValidateTransferLetter(letter_no, issued_on, effective_on, kToday);
    if (!letter.ok()) Append(errors, letter.errors());
    CheckProblem(errors);
  }
  {
    Errors errors;
    const std::string ended_on = JsonText(body, "ended_on", errors);
    CheckProblem(errors);
    const std::vector<HeldPost> held = {
        {1, "party", "书记", "2020-01-01", std::nullopt, std::nullopt},
        {2, "hospital", "科主任", "2021-03-01", std::nullopt, std::string("d1")},
        {3, "party", "委员", "2021-03-01", std::nullopt, std::string("d1")},
        {4, "party", "委员", "2019-05-01", std::string("2020-05-01"), std::nullopt},
    };
    for (long long post : {1, 2, 4, 9}) {
      const auto r = PostsToEnd(held, post, std::nullopt, ended_on, kToday);
      if (r.ok()) {
        QZ_CHECK(post == 1 && r.value() == std::vector<long long>{1}, ended_on);
      } else {
        const ErrorCode code = r.error().code;
        QZ_CHECK(code == ErrorCode::kInvalid || code == ErrorCode::kNotFound || code == ErrorCode::kConflict,
                 r.error().message);
        for (const auto& e : r.errors()) CheckUserError(e, code);
      }
    }
    const auto pair = PostsToEnd(held, std::nullopt, std::string("d1"), ended_on, kToday);
    if (pair.ok()) QZ_CHECK((pair.value() == std::vector<long long>{2, 3}), ended_on);
    else CheckUserErrors(pair.errors());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  platform::http::Request req;
  req.method = "POST";
  req.path = "/api/v1/members";
  req.body.assign(reinterpret_cast<const char*>(data), size);
  try {
    json body;
    try {
      body = req.Json();
    } catch (const HttpError& e) {
      QZ_CHECK(e.code() == ErrorCode::kInvalid && e.errors().size() == 1 && e.errors()[0].field == "body",
               e.what());
      CheckProblem(e.errors());
      return 0;
    }
    QZ_CHECK(body.is_object(), req.body);
    MemberWrite(body);
    TabWrites(body);
  } catch (const HttpError& e) {
    Fail(__FILE__, __LINE__, "a decoder threw HttpError after Json()", e.what());
  } catch (const std::exception& e) {
    // Server::DispatchRoute would answer 500 "服务器内部错误".
    Fail(__FILE__, __LINE__, "an exception that would be a 500", e.what());
  }
  return 0;
}
