// Persons of the registry: adding a member to a household, the search across households (masked),
// one person, editing (optimistic version; one 户主 per household), leaving (迁出, 死亡 … — the
// row stays) and the audited read of the full ID number and phone.
#include "health/registry/keys.hpp"
#include "health/registry/route_support.hpp"
#include "health/registry/routes.hpp"
#include "health/registry/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"

namespace qizhi::health::registry {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

std::vector<MemberRelation> Relations(const std::vector<PersonRecord>& persons) {
  std::vector<MemberRelation> out;
  for (const auto& p : persons) out.push_back({p.id, p.name, p.relation, p.left_on.empty()});
  return out;
}

// A household the caller may write to: in their villages (404 otherwise) and not closed (409).
Result<HouseholdRecord> WritableHousehold(soci::session& sql, const Request& req, int64_t id) {
  auto h = FindHousehold(sql, WholeTenant(req.who().tenant_id), CallerVillages(sql, req), id);
  if (!h) return HouseholdNotFound();
  if (h->state != "active") return Error{ErrorCode::kConflict, "该户已销户，不能修改成员", "id"};
  return *h;
}

}  // namespace

void RegisterPersonRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/registry/persons",
              .permission = "health:registry:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"village"}, "village");
                PersonFilter f;
                for (const char* level : {"county", "town", "village"})
                  if (!req.Query(level).empty()) f.division = req.Query(level);
                if (f.division.find_first_not_of("0123456789") != std::string::npos)
                  return http::Problem({Invalid("village", "区划代码应为数字")});
                f.q = req.Query("q");
                if (f.q.size() == 18 && f.q.find_first_not_of("0123456789Xx") == std::string::npos) {
                  std::string id = f.q;
                  if (id.back() == 'x') id.back() = 'X';
                  f.id_bidx = s.cipher.BlindIndex(id, kIdNumberPurpose);
                  f.q.clear();
                }
                f.has_chronic = req.Query("has_chronic") == "1";
                f.has_disability = req.Query("has_disability") == "1";
                f.include_left = req.Query("include_left") == "1";
                return s.db.Read([&](soci::session& sql) -> Response {
                  const auto villages = CallerVillages(sql, req);
                  const int64_t total = CountPersons(sql, req.who().scope, villages, f);
                  json items = json::array();
                  for (const auto& person : ListPersons(sql, req.who().scope, villages, f, p.Offset(), p.size))
                    items.push_back(PersonJson(person));
                  return JsonResponse(200, http::ListBody(items, total, p));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/registry/persons/{id}",
              .permission = "health:registry:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto p = FindPerson(sql, req.who().scope, CallerVillages(sql, req), id);
                  if (!p) return http::Problem({PersonNotFound()});
                  return JsonResponse(200, PersonJson(*p));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/registry/persons/{id}/pii",
              .permission = "health:registry:pii",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto r = s.db.Write([&](soci::session& sql) -> Result<json> {
                  auto p = FindPerson(sql, req.who().scope, CallerVillages(sql, req), id);
                  if (!p) return PersonNotFound();
                  auto id_number = s.cipher.Decrypt(p->id_enc, PersonIdNumberAd(p->tenant_id));
                  if (!id_number.ok()) return id_number.errors();
                  std::string phone;
                  if (!p->phone_enc.empty()) {
                    auto plain = s.cipher.Decrypt(p->phone_enc, PersonPhoneAd(p->tenant_id));
                    if (!plain.ok()) return plain.errors();
                    phone = plain.value();
                  }
                  // Every full read of personal data leaves a trace: who, whose, when.
                  auto ev = audit::EventFor(req, "read_pii", "person", std::to_string(id));
                  ev.after = {{"fields", {"id_number", "phone"}}, {"name", p->name}, {"household_id", p->household_id}};
                  audit::Append(sql, ev);
                  return json{{"id_number", id_number.value()}, {"phone", http::TextOrNull(phone)}};
                });
                if (!r.ok()) return http::Problem(r.errors());
                return JsonResponse(200, r.value());
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/registry/households/{id}/persons",
              .permission = "health:registry:edit",
              .audit_action = "add_member",
              .record_type = "person",
              .handler = [&s](Request& req) -> Response {
                const int64_t household_id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                PersonInput in = PersonFromJson(body, errors);
                if (in.joined_on.empty() && body.contains("left_on")) errors.push_back(Invalid("left_on", "新增成员不能已减员"));
                auto valid = ValidatePerson(in, TodayDate());
                if (!valid.ok()) errors.insert(errors.end(), valid.errors().begin(), valid.errors().end());
                if (!errors.empty()) return http::Problem(errors);
                auto r = WriteOrDuplicate(s.db, [&](soci::session& sql) -> Result<json> {
                  auto h = WritableHousehold(sql, req, household_id);
                  if (!h.ok()) return h.errors();
                  PersonRecord p = PersonRecordFrom(valid.value(), s.cipher, h.value().tenant_id);
                  p.household_id = household_id;
                  p.village_code = h.value().village_code;
                  if (auto existing = FindByIdNumber(sql, p.tenant_id, p.id_bidx)) return DuplicateIdNumber(*existing);
                  auto members = Relations(PersonsOf(sql, p.tenant_id, household_id));
                  members.push_back({0, p.name, p.relation, true});
                  auto head = CheckOneHead(members);
                  if (!head.ok()) return head.errors();
                  p.id = InsertPerson(sql, p, NowUtc());
                  auto stored = FindPerson(sql, WholeTenant(p.tenant_id), VillageScope{}, p.id);
                  RecordChange(sql, req, "person", p.id, household_id, "add_member", nullptr, PersonAuditJson(*stored), "");
                  return PersonJson(*stored);
                });
                if (!r.ok()) return http::Problem(r.errors());
                return JsonResponse(201, r.value());
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/registry/persons/{id}",
              .permission = "health:registry:edit",
              .audit_action = "update",
              .record_type = "person",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                PersonInput in = PersonFromJson(body, errors);
                const int64_t version = http::JsonVersion(body, errors);
                // Making this person 户主 demotes the current one to `former_head_relation` in the
                // same change: the household is never without, or with two, 户主.
                const std::string former_head_relation = http::JsonText(body, "former_head_relation", errors);
                auto r = WriteOrDuplicate(s.db, [&](soci::session& sql) -> Result<json> {
                  auto before = FindPerson(sql, WholeTenant(req.who().tenant_id), CallerVillages(sql, req), id);
                  if (!before) return PersonNotFound();
                  if (!before->left_on.empty())
                    return Error{ErrorCode::kConflict, "该成员已减员（" + before->left_reason + "），不能修改", "id"};
                  auto h = WritableHousehold(sql, req, before->household_id);
                  if (!h.ok()) return h.errors();
                  // The form never shows the full ID number or phone: left out, they stay as stored.
                  if (!body.contains("id_number")) {
                    auto plain = s.cipher.Decrypt(before->id_enc, PersonIdNumberAd(before->tenant_id));
                    if (!plain.ok()) return plain.errors();
                    in.id_number = plain.value();
                  }
                  if (!body.contains("phone") && !before->phone_enc.empty()) {
                    auto plain = s.cipher.Decrypt(before->phone_enc, PersonPhoneAd(before->tenant_id));
                    if (!plain.ok()) return plain.errors();
                    in.phone = plain.value();
                  }
                  auto valid = ValidatePerson(in, TodayDate());
                  if (!valid.ok()) errors.insert(errors.end(), valid.errors().begin(), valid.errors().end());
                  if (!errors.empty()) return errors;
                  PersonRecord p = PersonRecordFrom(valid.value(), s.cipher, before->tenant_id);
                  p.id = id;
                  p.household_id = before->household_id;
                  p.village_code = before->village_code;
                  if (p.id_bidx != before->id_bidx) {
                    if (auto existing = FindByIdNumber(sql, p.tenant_id, p.id_bidx)) return DuplicateIdNumber(*existing);
                  }
                  auto persons = PersonsOf(sql, p.tenant_id, p.household_id);
                  std::optional<PersonRecord> demoted;
                  for (auto& m : persons) {
                    if (m.id == id) m.relation = p.relation;
                    else if (m.left_on.empty() && m.relation == kHead && p.relation == kHead && !former_head_relation.empty())
                      demoted = m;
                  }
                  if (demoted) {
                    if (former_head_relation == kHead ||
                        std::find(registry::Relations().begin(), registry::Relations().end(), former_head_relation) ==
                            registry::Relations().end())
                      return Invalid("former_head_relation", "原户主的新关系应为列表中户主以外的关系");
                    for (auto& m : persons)
                      if (m.id == demoted->id) m.relation = former_head_relation;
                  }
                  auto head = CheckOneHead(Relations(persons));
                  if (!head.ok()) return head.errors();
                  const std::string now = NowUtc();
                  if (!UpdatePerson(sql, p, version, now))
                    return Error{ErrorCode::kConflict, "信息已被他人修改，请刷新后重试", "version"};
                  if (demoted) {
                    PersonRecord d = *demoted;
                    d.relation = former_head_relation;
                    if (!UpdatePerson(sql, d, demoted->version, now))
                      return Error{ErrorCode::kConflict, "信息已被他人修改，请刷新后重试", "version"};
                    RecordChange(sql, req, "person", d.id, d.household_id, "update", {{"relation", std::string(kHead)}},
                                 {{"relation", former_head_relation}}, "变更户主");
                  }
                  if (p.relation == kHead) SetHead(sql, p.tenant_id, p.household_id, id);
                  auto stored = FindPerson(sql, WholeTenant(p.tenant_id), VillageScope{}, id);
                  auto [b, a] = PersonDiff(*before, *stored);
                  if (!a.empty()) RecordChange(sql, req, "person", id, p.household_id, "update", b, a, "");
                  return PersonJson(*stored);
                });
                if (!r.ok()) return http::Problem(r.errors());
                return JsonResponse(200, r.value());
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/registry/persons/{id}/leave",
              .permission = "health:registry:edit",
              .audit_action = "leave",
              .record_type = "person",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                const std::string left_on = http::JsonText(body, "left_on", errors);
                const std::string reason = http::JsonText(body, "left_reason", errors);
                const int64_t version = http::JsonVersion(body, errors);
                auto r = s.db.Write([&](soci::session& sql) -> Result<json> {
                  auto before = FindPerson(sql, WholeTenant(req.who().tenant_id), CallerVillages(sql, req), id);
                  if (!before) return PersonNotFound();
                  if (!before->left_on.empty())
                    return Error{ErrorCode::kConflict, "该成员已于 " + before->left_on + " 减员", "id"};
                  auto h = WritableHousehold(sql, req, before->household_id);
                  if (!h.ok()) return h.errors();
                  auto ok = ValidateLeave(left_on, reason, before->joined_on.empty() ? before->birth_date : before->joined_on,
                                          TodayDate());
                  if (!ok.ok()) errors.insert(errors.end(), ok.errors().begin(), ok.errors().end());
                  if (!errors.empty()) return errors;
                  auto persons = PersonsOf(sql, before->tenant_id, before->household_id);
                  for (auto& m : persons)
                    if (m.id == id) m.left_on = left_on;
                  auto head = CheckOneHead(Relations(persons), "id");
                  if (!head.ok())
                    return Invalid("id", "户主减员前，请先将另一名成员设为户主");
                  if (!LeavePerson(sql, before->tenant_id, id, version, left_on, reason, NowUtc()))
                    return Error{ErrorCode::kConflict, "信息已被他人修改，请刷新后重试", "version"};
                  auto stored = FindPerson(sql, WholeTenant(before->tenant_id), VillageScope{}, id);
                  RecordChange(sql, req, "person", id, before->household_id, "leave", {{"left_on", nullptr}},
                               {{"left_on", left_on}, {"left_reason", reason}}, reason);
                  return PersonJson(*stored);
                });
                if (!r.ok()) return http::Problem(r.errors());
                return JsonResponse(200, r.value());
              }});
}

}  // namespace qizhi::health::registry
