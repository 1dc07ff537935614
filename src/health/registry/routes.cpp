// /api/v1/registry/households: the 建档立卡户 list, one household with its members and history,
// registering a household with its 户主, editing it (optimistic version), closing it (销户) and
// the audited read of its full address. Persons are in person_routes.cpp, files in
// import_routes.cpp.
#include "health/registry/routes.hpp"

#include "health/registry/keys.hpp"
#include "health/registry/route_support.hpp"
#include "health/registry/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/db/database.hpp"

namespace qizhi::health::registry {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

Result<HouseholdFilter> ParseHouseholdFilter(const Request& req) {
  HouseholdFilter f;
  Errors errors;
  for (const char* level : {"county", "town", "village"}) {
    const std::string v = req.Query(level);
    if (v.empty()) continue;
    if (v.find_first_not_of("0123456789") != std::string::npos) errors.push_back(Invalid(level, "区划代码应为数字"));
    else f.division = v;  // the most specific level given wins
  }
  f.status = req.Query("status");
  if (!f.status.empty() && f.status != "未脱贫" && f.status != "脱贫" && f.status != "监测对象")
    errors.push_back(Invalid("status", "户类型应为未脱贫、脱贫或监测对象"));
  f.cause = req.Query("cause");
  if (!f.cause.empty() && std::find(PovertyCauses().begin(), PovertyCauses().end(), f.cause) == PovertyCauses().end())
    errors.push_back(Invalid("cause", "致贫原因不在列表中"));
  f.q = req.Query("q");
  f.has_chronic = req.Query("has_chronic") == "1" || req.Query("has_chronic") == "true";
  f.has_disability = req.Query("has_disability") == "1" || req.Query("has_disability") == "true";
  f.state = req.Query("state", "active");
  if (f.state != "active" && f.state != "closed" && f.state != "all")
    errors.push_back(Invalid("state", "状态应为 active、closed 或 all"));
  if (!errors.empty()) return errors;
  return f;
}

}  // namespace

void RegisterRegistryRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/registry/households",
              .permission = "health:registry:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"number", "village", "status_since", "registered_on", "id"}, "number");
                auto f = ParseHouseholdFilter(req);
                if (!f.ok()) return http::Problem(f.errors());
                return s.db.Read([&](soci::session& sql) -> Response {
                  const auto villages = CallerVillages(sql, req);
                  HouseholdFilter filter = f.value();
                  if (filter.q.size() == 18 && filter.q.find_first_not_of("0123456789Xx") == std::string::npos) {
                    // An ID number is searched by its blind index, never by decrypting.
                    std::string id = filter.q;
                    if (id.back() == 'x') id.back() = 'X';
                    filter.id_bidx = s.cipher.BlindIndex(id, kIdNumberPurpose);
                    filter.q.clear();
                  }
                  const int64_t total = CountHouseholds(sql, req.who().scope, villages, filter);
                  json items = json::array();
                  for (const auto& h : ListHouseholds(sql, req.who().scope, villages, filter,
                                                      {p.sort_field, p.sort_desc}, p.Offset(), p.size))
                    items.push_back(HouseholdItemJson(h));
                  return JsonResponse(200, http::ListBody(items, total, p));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/registry/households/{id}",
              .permission = "health:registry:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto h = FindHousehold(sql, req.who().scope, CallerVillages(sql, req), id);
                  if (!h) return http::Problem({HouseholdNotFound()});
                  return JsonResponse(200, HouseholdDetailJson(sql, *h));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/registry/households/{id}/pii",
              .permission = "health:registry:pii",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto r = s.db.Write([&](soci::session& sql) -> Result<json> {
                  auto h = FindHousehold(sql, req.who().scope, CallerVillages(sql, req), id);
                  if (!h) return HouseholdNotFound();
                  std::string address;
                  if (!h->address_enc.empty()) {
                    auto plain = s.cipher.Decrypt(h->address_enc, HouseholdAddressAd(h->tenant_id));
                    if (!plain.ok()) return plain.errors();
                    address = plain.value();
                  }
                  // Every full read of personal data leaves a trace: who, whose, when.
                  auto ev = audit::EventFor(req, "read_pii", "household", std::to_string(id));
                  ev.after = {{"fields", {"address"}}, {"head_name", h->head_name}, {"number", h->number}};
                  audit::Append(sql, ev);
                  return json{{"address", http::TextOrNull(address)}};
                });
                if (!r.ok()) return http::Problem(r.errors());
                return JsonResponse(200, r.value());
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/registry/households",
              .permission = "health:registry:edit",
              .audit_action = "create",
              .record_type = "household",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                Errors errors;
                HouseholdInput hin = HouseholdFromJson(body, errors);
                const Date today = TodayDate();
                auto household = ValidateHousehold(hin, today);
                if (!household.ok()) errors.insert(errors.end(), household.errors().begin(), household.errors().end());
                if (!body.contains("head") || !body["head"].is_object()) {
                  errors.push_back(Invalid("head", "请填写户主信息"));
                } else {
                  Errors head_errors;
                  PersonInput pin = PersonFromJson(body["head"], head_errors);
                  if (pin.relation.empty()) pin.relation = std::string(kHead);
                  auto person = ValidatePerson(pin, today);
                  if (!person.ok()) head_errors.insert(head_errors.end(), person.errors().begin(), person.errors().end());
                  else if (person.value().input.relation != kHead)
                    head_errors.push_back(Invalid("relation", "新登记户的第一名成员应为户主"));
                  else if (!person.value().input.left_on.empty())
                    head_errors.push_back(Invalid("left_on", "户主登记时不能已减员"));
                  for (auto& e : head_errors) {
                    e.field = "head." + e.field;
                    errors.push_back(e);
                  }
                  if (errors.empty()) {
                    auto r = WriteOrDuplicate(s.db, (
                        [&](soci::session& sql) -> Result<json> {
                          const auto villages = CallerVillages(sql, req);
                          auto ok = CheckWritableVillage(sql, villages, household.value().village_code);
                          if (!ok.ok()) return ok.errors();
                          const int64_t tenant = req.who().tenant_id;
                          HouseholdRecord h = HouseholdRecordFrom(household.value(), s.cipher, tenant);
                          if (!h.number.empty() && FindHouseholdByNumber(sql, tenant, h.number))
                            return Error{ErrorCode::kConflict, "户编号 " + h.number + " 已存在", "number"};
                          PersonRecord p = PersonRecordFrom(person.value(), s.cipher, tenant);
                          if (auto existing = FindByIdNumber(sql, tenant, p.id_bidx)) {
                            Error e = DuplicateIdNumber(*existing);
                            e.field = "head.id_number";
                            return e;
                          }
                          const std::string now = NowUtc();
                          h.id = InsertHousehold(sql, h, now);
                          p.household_id = h.id;
                          p.village_code = h.village_code;
                          p.id = InsertPerson(sql, p, now);
                          SetHead(sql, tenant, h.id, p.id);
                          auto stored = FindHousehold(sql, WholeTenant(tenant), VillageScope{}, h.id);
                          RecordChange(sql, req, "household", h.id, h.id, "create", nullptr, HouseholdAuditJson(*stored), "");
                          auto person_stored = FindPerson(sql, WholeTenant(tenant), VillageScope{}, p.id);
                          RecordChange(sql, req, "person", p.id, h.id, "add_member", nullptr,
                                       PersonAuditJson(*person_stored), "");
                          // Adding the 户主 moved the household's version: answer with it as stored.
                          stored = FindHousehold(sql, WholeTenant(tenant), VillageScope{}, h.id);
                          return HouseholdDetailJson(sql, *stored);
                        }));
                    if (!r.ok()) return http::Problem(r.errors());
                    return JsonResponse(201, r.value());
                  }
                }
                return http::Problem(errors);
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/registry/households/{id}",
              .permission = "health:registry:edit",
              .audit_action = "update",
              .record_type = "household",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                HouseholdInput in = HouseholdFromJson(body, errors);
                const int64_t version = http::JsonVersion(body, errors);
                auto r = WriteOrDuplicate(s.db, (
                    [&](soci::session& sql) -> Result<json> {
                      const auto villages = CallerVillages(sql, req);
                      auto before = FindHousehold(sql, WholeTenant(req.who().tenant_id), villages, id);
                      if (!before) return HouseholdNotFound();
                      if (before->state != "active")
                        return Error{ErrorCode::kConflict, "该户已销户，不能修改", "id"};
                      // The form never shows the full address: left out, it stays as stored.
                      if (!body.contains("address") && !before->address_enc.empty()) {
                        auto plain = s.cipher.Decrypt(before->address_enc, HouseholdAddressAd(before->tenant_id));
                        if (!plain.ok()) return plain.errors();
                        in.address = plain.value();
                      }
                      auto valid = ValidateHousehold(in, TodayDate());
                      if (!valid.ok()) errors.insert(errors.end(), valid.errors().begin(), valid.errors().end());
                      if (!errors.empty()) return errors;
                      if (valid.value().village_code != before->village_code) {
                        auto ok = CheckWritableVillage(sql, villages, valid.value().village_code);
                        if (!ok.ok()) return ok.errors();
                      }
                      HouseholdRecord h = HouseholdRecordFrom(valid.value(), s.cipher, before->tenant_id);
                      h.id = id;
                      if (!body.contains("address")) {
                        h.address_enc = before->address_enc;
                        h.address_mask = before->address_mask;
                      }
                      if (!h.number.empty() && h.number != before->number) {
                        auto other = FindHouseholdByNumber(sql, h.tenant_id, h.number);
                        if (other && other->id != id)
                          return Error{ErrorCode::kConflict, "户编号 " + h.number + " 已存在", "number"};
                      }
                      if (!UpdateHousehold(sql, h, version, NowUtc()))
                        return Error{ErrorCode::kConflict, "信息已被他人修改，请刷新后重试", "version"};
                      auto stored = FindHousehold(sql, WholeTenant(h.tenant_id), VillageScope{}, id);
                      auto [b, a] = HouseholdDiff(*before, *stored);
                      if (!a.empty())
                        RecordChange(sql, req, "household", id, id, b.contains("status") ? "status" : "update", b, a,
                                     body.contains("change_note") && body["change_note"].is_string() ? body["change_note"].get<std::string>() : std::string());
                      return HouseholdDetailJson(sql, *stored);
                    }));
                if (!r.ok()) return http::Problem(r.errors());
                return JsonResponse(200, r.value());
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/registry/households/{id}/close",
              .permission = "health:registry:edit",
              .audit_action = "close",
              .record_type = "household",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                const std::string closed_on = http::JsonText(body, "closed_on", errors);
                const std::string reason = http::JsonText(body, "reason", errors);
                const int64_t version = http::JsonVersion(body, errors);
                auto r = s.db.Write([&](soci::session& sql) -> Result<json> {
                  auto before = FindHousehold(sql, WholeTenant(req.who().tenant_id), CallerVillages(sql, req), id);
                  if (!before) return HouseholdNotFound();
                  if (before->state != "active") return Error{ErrorCode::kConflict, "该户已销户", "id"};
                  auto ok = ValidateClose(closed_on, reason, before->registered_on, TodayDate());
                  if (!ok.ok()) errors.insert(errors.end(), ok.errors().begin(), ok.errors().end());
                  if (!errors.empty()) return errors;
                  if (!CloseHousehold(sql, before->tenant_id, id, version, closed_on, reason, NowUtc()))
                    return Error{ErrorCode::kConflict, "信息已被他人修改，请刷新后重试", "version"};
                  auto stored = FindHousehold(sql, WholeTenant(before->tenant_id), VillageScope{}, id);
                  RecordChange(sql, req, "household", id, id, "close", json{{"state", "active"}},
                               json{{"state", "closed"}, {"closed_on", closed_on}, {"closed_reason", reason}}, reason);
                  return HouseholdDetailJson(sql, *stored);
                });
                if (!r.ok()) return http::Problem(r.errors());
                return JsonResponse(200, r.value());
              }});

  RegisterPersonRoutes(router, s);
  RegisterImportRoutes(router, s);
}

}  // namespace qizhi::health::registry
