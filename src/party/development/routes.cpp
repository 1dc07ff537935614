// /api/v1/development/candidates: the people on the 25-step path (发展党员), one person's path
// with its records, violations, 预备期 and what is due, adding a person and editing their basic
// information. Step records are in record_routes.cpp; the office's lists (violations, due, the
// step catalogue) in office_routes.cpp.
#include "party/development/routes.hpp"

#include "party/development/filter_params.hpp"
#include "party/development/path.hpp"
#include "party/development/routes_internal.hpp"
#include "party/development/rules.hpp"
#include "party/development/store.hpp"
#include "party/members/store.hpp"
#include "party/org/overview.hpp"
#include "party/org/rules.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/pii/mask.hpp"

namespace qizhi::party::development {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

// The branch a person is developed in: in the caller's write scope, current, a 党支部.
Result<org::Unit> BranchFor(soci::session& sql, const Request& req, const nlohmann::json& body) {
  if (!body.contains("unit_id") || !body["unit_id"].is_number_integer()) return Invalid("unit_id", "请选择所在党支部");
  auto unit = org::WritableUnit(sql, req.who().scope, body["unit_id"].get<int64_t>(), "unit_id", "所在党支部");
  if (!unit.ok()) return unit;
  if (unit.value().kind != org::kBranch)
    return Invalid("unit_id", "发展党员由党支部负责，不能记在" + org::KindTitle(unit.value().kind) + "下");
  return unit;
}

CandidateInput InputFromJson(const nlohmann::json& body, Errors& errors) {
  using http::JsonText;
  CandidateInput in;
  in.name = JsonText(body, "name", errors);
  in.sex = JsonText(body, "sex", errors);
  in.id_number = JsonText(body, "id_number", errors);
  in.ethnicity = JsonText(body, "ethnicity", errors);
  in.education = JsonText(body, "education", errors);
  in.category = JsonText(body, "category", errors);
  in.job = JsonText(body, "job", errors);
  in.phone = JsonText(body, "phone", errors);
  return in;
}

void FlagsFromJson(const nlohmann::json& body, CandidateRecord& c, Errors& errors) {
  for (auto [name, target] : {std::pair<const char*, bool*>{"is_youth_league_member", &c.youth_league},
                              {"recommended_by_league", &c.league_recommended}}) {
    if (!body.contains(name) || body[name].is_null()) continue;
    if (!body[name].is_boolean()) errors.push_back(Invalid(name, "应为是或否"));
    else *target = body[name].get<bool>();
  }
  if (!c.youth_league && c.league_recommended)
    errors.push_back(Invalid("recommended_by_league", "团组织推优只适用于共青团员"));
}

// The stored form: personal data encrypted, blind-indexed (with the members' purpose) and masked.
void FillPersonal(CandidateRecord& c, const ValidCandidate& v, const platform::pii::Cipher& cipher) {
  const auto& in = v.input;
  c.name = in.name;
  c.sex = in.sex;
  c.id_enc = cipher.Encrypt(in.id_number, CandidateIdAd(c.tenant_id));
  c.id_bidx = cipher.BlindIndex(in.id_number, members::kIdNumberPurpose);
  c.id_mask = platform::pii::MaskIdNumber(in.id_number);
  c.birth_date = v.birth_date;
  c.ethnicity = in.ethnicity;
  c.education = in.education;
  c.category = in.category;
  c.job = in.job;
  c.phone_enc.clear();
  c.phone_bidx.clear();
  c.phone_mask.clear();
  if (!in.phone.empty()) {
    c.phone_enc = cipher.Encrypt(in.phone, CandidatePhoneAd(c.tenant_id));
    c.phone_bidx = cipher.BlindIndex(in.phone, members::kPhonePurpose);
    c.phone_mask = platform::pii::MaskPhone(in.phone);
  }
}

// Someone already on the path, or already a member, is not added twice.
std::optional<Error> Duplicate(soci::session& sql, int64_t tenant_id, const std::string& bidx, int64_t self) {
  if (auto c = FindCandidateByIdNumber(sql, tenant_id, bidx); c && c->id != self)
    return Error{ErrorCode::kConflict, "已有此身份证号的发展记录：" + c->name + "（" + c->unit_name + "）", "id_number"};
  if (self == 0) {
    if (auto m = members::FindByIdNumber(sql, tenant_id, bidx))
      return Error{ErrorCode::kConflict, "此人已是党员：" + m->name + "（" + m->unit_name + "）", "id_number"};
  }
  return std::nullopt;
}

nlohmann::json AuditJson(const CandidateRecord& c) {
  return {{"unit_id", c.unit_id},         {"name", c.name},           {"sex", c.sex},
          {"id_number", c.id_mask},       {"birth_date", c.birth_date}, {"ethnicity", c.ethnicity},
          {"education", c.education},     {"category", c.category},   {"job", c.job},
          {"phone", c.phone_mask},        {"is_youth_league_member", c.youth_league},
          {"recommended_by_league", c.league_recommended}};
}

}  // namespace

void RegisterRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/development/candidates",
              .permission = "party:development:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"unit", "name", "applied_on", "next_due_on", "id"}, "unit");
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto f = ParseCandidateFilter(sql, req.who().scope, s.cipher, req.query);
                  if (!f.ok()) return http::Problem(f.errors());
                  const int64_t total = CountCandidates(sql, req.who().scope, f.value());
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& c : ListCandidates(sql, req.who().scope, f.value(), p.sort_field, p.sort_desc,
                                                      p.Offset(), p.size))
                    items.push_back(ListItemJson(c));
                  return JsonResponse(200, http::ListBody(items, total, p));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/development/candidates/{id}",
              .permission = "party:development:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto c = FindCandidate(sql, req.who().scope, id);
                  if (!c) return http::Problem({CandidateNotFound()});
                  return JsonResponse(200, DetailJson(sql, *c));
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/development/candidates",
              .permission = "party:development:edit",
              .audit_action = "create",
              .record_type = "candidate",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                Errors errors;
                CandidateInput in = InputFromJson(body, errors);
                CandidateRecord c;
                FlagsFromJson(body, c, errors);
                auto valid = ValidateCandidate(in, TodayDate());
                if (!valid.ok()) errors.insert(errors.end(), valid.errors().begin(), valid.errors().end());
                if (!errors.empty()) return http::Problem(errors);
                auto r = WriteOrDuplicate(s.db, [&](soci::session& sql) -> Result<nlohmann::json> {
                  auto unit = BranchFor(sql, req, body);
                  if (!unit.ok()) return unit.errors();
                  c.tenant_id = unit.value().tenant_id;
                  c.unit_id = unit.value().id;
                  FillPersonal(c, valid.value(), s.cipher);
                  if (auto dup = Duplicate(sql, c.tenant_id, c.id_bidx, 0)) return *dup;
                  c.id = InsertCandidate(sql, c, req.who().user_id);
                  auto ev = audit::EventFor(req, "create", "candidate", std::to_string(c.id));
                  ev.after = AuditJson(c);
                  audit::Append(sql, ev);
                  auto stored = FindCandidate(sql, WholeTenant(c.tenant_id), c.id);
                  return DetailJson(sql, *stored);
                });
                return http::JsonOrProblem(r, 201);
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/development/candidates/{id}",
              .permission = "party:development:edit",
              .audit_action = "update",
              .record_type = "candidate",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                CandidateInput in = InputFromJson(body, errors);
                const int64_t version = http::JsonVersion(body, errors);
                auto r = WriteOrDuplicate(s.db, [&](soci::session& sql) -> Result<nlohmann::json> {
                  auto before = FindCandidate(sql, WriteScope(req.who().scope), id);
                  if (!before) return CandidateNotFound();
                  CandidateRecord c = *before;
                  FlagsFromJson(body, c, errors);
                  // The form never shows the full ID number or phone: left out, they stay as stored.
                  if (!body.contains("id_number")) {
                    auto plain = s.cipher.Decrypt(before->id_enc, CandidateIdAd(before->tenant_id));
                    if (!plain.ok()) return plain.errors();
                    in.id_number = plain.value();
                  }
                  if (!body.contains("phone") && !before->phone_enc.empty()) {
                    auto plain = s.cipher.Decrypt(before->phone_enc, CandidatePhoneAd(before->tenant_id));
                    if (!plain.ok()) return plain.errors();
                    in.phone = plain.value();
                  }
                  auto valid = ValidateCandidate(in, TodayDate());
                  if (!valid.ok()) errors.insert(errors.end(), valid.errors().begin(), valid.errors().end());
                  if (!errors.empty()) return errors;
                  if (body.contains("unit_id")) {
                    auto unit = BranchFor(sql, req, body);
                    if (!unit.ok()) return unit.errors();
                    c.unit_id = unit.value().id;
                  }
                  FillPersonal(c, valid.value(), s.cipher);
                  if (c.id_bidx != before->id_bidx) {
                    if (c.member_id) return Invalid("id_number", "已编入党员名册，身份证号请在党员信息中更正");
                    if (auto dup = Duplicate(sql, c.tenant_id, c.id_bidx, c.id)) return *dup;
                  }
                  if (!UpdateCandidate(sql, c, version))
                    return Error{ErrorCode::kConflict, "信息已被他人修改，请刷新后重试", "version"};
                  auto ev = audit::EventFor(req, "update", "candidate", std::to_string(id));
                  ev.before = AuditJson(*before);
                  ev.after = AuditJson(c);
                  audit::Append(sql, ev);
                  // The person's birth date (under_age, 推优) may have changed what the records break.
                  auto settled = Settle(sql, s.cipher, c.tenant_id, id, req.who().user_id, TodayDate());
                  if (!settled.ok()) return settled.errors();
                  auto stored = FindCandidate(sql, WholeTenant(c.tenant_id), id);
                  return DetailJson(sql, *stored);
                });
                return http::JsonOrProblem(r);
              }});

  RegisterRecordRoutes(router, s);
  RegisterOfficeRoutes(router, s);
}

}  // namespace qizhi::party::development
