// /api/v1/members: the roster, one member's record, adding and editing the basic information,
// and the audited read of personal data. Tabs (posts, 双任免, rewards, family, transfers) are in
// tab_routes.cpp, import and export in roster_routes.cpp.
#include "party/members/routes.hpp"

#include "party/members/filter_params.hpp"
#include "party/members/route_support.hpp"
#include "party/members/rules.hpp"
#include "party/members/store.hpp"
#include "party/org/rules.hpp"
#include "party/org/overview.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"

namespace qizhi::party::members {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

// The unit a new member is recorded in: in the caller's write scope, current, a 党支部 or 党小组.
Result<org::Unit> UnitForMember(soci::session& sql, const Request& req, const nlohmann::json& body,
                                const char* field) {
  if (!body.contains(field) || !body[field].is_number_integer())
    return Invalid(field, "请选择所在党组织");
  auto unit = org::WritableUnit(sql, req.who().scope, body[field].get<int64_t>(), field, "所在党组织");
  if (!unit.ok()) return unit;
  if (unit.value().kind != org::kBranch && unit.value().kind != org::kGroup)
    return Invalid(field, "党员应编入党支部或党小组，不能直接编入" + org::KindTitle(unit.value().kind));
  return unit;
}

// The explicit duplicate check runs first; two requests at once can still both pass it, and the
// unique index then refuses the second: the same 409, not a 500.
template <typename F>
auto WriteOrDuplicate(platform::db::Database& db, F&& fn) -> decltype(db.Write(fn)) {
  return platform::db::WriteOrConflict(db, fn, [](const std::string&) {
    return Error{ErrorCode::kConflict, "已有相同身份证号的党员记录", "id_number"};
  });
}

Error Duplicate(const MemberRecord& existing) {
  std::string where = existing.unit_name;
  if (existing.state != "active") where += "，已减少：" + existing.left_kind;
  return Error{ErrorCode::kConflict, "已有党员记录：" + existing.name + "（" + where + "）", "id_number"};
}

}  // namespace

void RegisterRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/members",
              .permission = "party:member:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"unit", "name", "joined_on", "birth_date", "id"}, "unit");
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto f = ParseMemberFilter(sql, req.who().scope, s.cipher, req.query);
                  if (!f.ok()) return http::Problem(f.errors());
                  int64_t total = CountMembers(sql, req.who().scope, f.value());
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& row : ListMembers(sql, req.who().scope, f.value(), {p.sort_field, p.sort_desc},
                                                     p.Offset(), p.size))
                    items.push_back(ListItemJson(row, f.value().as_of));
                  return JsonResponse(200, http::ListBody(items, total, p));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/members/{id}",
              .permission = "party:member:list",
              .handler = [&s](Request& req) -> Response {
                int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto m = FindMember(sql, req.who().scope, id);
                  if (!m) return http::Problem({MemberNotFound()});
                  return JsonResponse(200, DetailJson(sql, *m));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/members/{id}/pii",
              .permission = "party:member:pii",
              .handler = [&s](Request& req) -> Response {
                int64_t id = req.IdParam();
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto m = FindMember(sql, req.who().scope, id);
                  if (!m) return MemberNotFound();
                  auto id_number = s.cipher.Decrypt(m->id_enc, IdNumberAd(m->tenant_id));
                  if (!id_number.ok()) return id_number.errors();
                  std::string phone;
                  if (!m->phone_enc.empty()) {
                    auto p = s.cipher.Decrypt(m->phone_enc, PhoneAd(m->tenant_id));
                    if (!p.ok()) return p.errors();
                    phone = p.value();
                  }
                  // Every full read of personal data leaves a trace: who, whose, when.
                  auto ev = audit::EventFor(req, "read_pii", "member", std::to_string(id));
                  ev.after = {{"fields", {"id_number", "phone"}}, {"name", m->name}};
                  audit::Append(sql, ev);
                  return nlohmann::json{{"id_number", id_number.value()}, {"phone", http::TextOrNull(phone)}};
                });
                if (!r.ok()) return http::Problem(r.errors());
                return JsonResponse(200, r.value());
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/members",
              .permission = "party:member:add",
              .audit_action = "create",
              .record_type = "member",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                Errors errors;
                MemberInput in = InputFromJson(body, errors);
                const Date today = TodayDate();
                auto valid = ValidateMember(in, today);
                if (!valid.ok()) errors.insert(errors.end(), valid.errors().begin(), valid.errors().end());
                std::string unit_since = http::JsonText(body, "unit_since", errors);
                if (!unit_since.empty()) {
                  auto d = ParseDate(unit_since);
                  if (!d) errors.push_back(Invalid("unit_since", "编入本支部日期格式应为 YYYY-MM-DD"));
                  else if (*d > today) errors.push_back(Invalid("unit_since", "编入本支部日期不能晚于今天"));
                  else if (valid.ok() && unit_since < valid.value().input.joined_on)
                    errors.push_back(Invalid("unit_since", "编入本支部日期不能早于入党日期"));
                }
                std::optional<Transfer> transfer;
                if (body.contains("transfer_in") && !body["transfer_in"].is_null()) {
                  const auto& t = body["transfer_in"];
                  if (!t.is_object()) {
                    errors.push_back(Invalid("transfer_in", "组织关系转入信息格式不正确"));
                  } else {
                    Transfer tr;
                    tr.kind = "in";
                    Errors terr;
                    tr.external_org = http::JsonText(t, "external_org", terr);
                    tr.letter_no = http::JsonText(t, "letter_no", terr);
                    tr.issued_on = http::JsonText(t, "issued_on", terr);
                    tr.effective_on = http::JsonText(t, "effective_on", terr);
                    tr.note = http::JsonText(t, "note", terr);
                    if (tr.external_org.empty()) terr.push_back(Invalid("external_org", "请填写转出党组织"));
                    else if (tr.external_org.size() > 300) terr.push_back(Invalid("external_org", "转出党组织名称过长"));
                    auto letter = ValidateTransferLetter(tr.letter_no, tr.issued_on, tr.effective_on, today);
                    if (!letter.ok()) terr.insert(terr.end(), letter.errors().begin(), letter.errors().end());
                    for (auto& e : terr) {
                      e.field = "transfer_in." + e.field;
                      errors.push_back(e);
                    }
                    transfer = tr;
                  }
                }
                if (!errors.empty()) return http::Problem(errors);
                const ValidMember& v = valid.value();
                auto r = WriteOrDuplicate(s.db, [&](soci::session& sql) -> Result<nlohmann::json> {
                  auto unit = UnitForMember(sql, req, body, "unit_id");
                  if (!unit.ok()) return unit.errors();
                  MemberRecord m = RecordFrom(v, s.cipher, unit.value().tenant_id, unit.value().id);
                  if (auto existing = FindByIdNumber(sql, m.tenant_id, m.id_bidx)) return Duplicate(*existing);
                  std::string since = transfer ? transfer->effective_on : unit_since.empty() ? m.joined_on : unit_since;
                  m.id = InsertMember(sql, m, since, transfer ? "transfer_in" : "joined", req.who().user_id);
                  if (transfer) {
                    transfer->to_unit_id = m.unit_id;
                    InsertTransfer(sql, m.tenant_id, m.id, *transfer, req.who().user_id);
                  }
                  auto ev = audit::EventFor(req, "create", "member", std::to_string(m.id));
                  ev.after = AuditJson(m);
                  if (transfer) ev.after["transfer_in"] = {{"external_org", transfer->external_org},
                                                           {"letter_no", transfer->letter_no}};
                  audit::Append(sql, ev);
                  auto stored = FindMember(sql, WriteScope(req.who().scope), m.id);
                  return DetailJson(sql, *stored);
                });
                if (!r.ok()) return http::Problem(r.errors());
                return JsonResponse(201, r.value());
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/members/{id}",
              .permission = "party:member:edit",
              .audit_action = "update",
              .record_type = "member",
              .handler = [&s](Request& req) -> Response {
                int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                MemberInput in = InputFromJson(body, errors);
                const int64_t version = http::JsonVersion(body, errors);
                auto r = WriteOrDuplicate(s.db, [&](soci::session& sql) -> Result<nlohmann::json> {
                  auto before = LoadForWrite(sql, req, id);
                  if (!before.ok()) return before.errors();
                  // The form never shows the full ID number or phone: left out, they stay as stored.
                  if (!body.contains("id_number")) {
                    auto plain = s.cipher.Decrypt(before.value().id_enc, IdNumberAd(before.value().tenant_id));
                    if (!plain.ok()) return plain.errors();
                    in.id_number = plain.value();
                  }
                  if (!body.contains("phone") && !before.value().phone_enc.empty()) {
                    auto plain = s.cipher.Decrypt(before.value().phone_enc, PhoneAd(before.value().tenant_id));
                    if (!plain.ok()) return plain.errors();
                    in.phone = plain.value();
                  }
                  auto valid = ValidateMember(in, TodayDate());
                  if (!valid.ok()) errors.insert(errors.end(), valid.errors().begin(), valid.errors().end());
                  if (!errors.empty()) return errors;
                  
                  MemberRecord m = RecordFrom(valid.value(), s.cipher, before.value().tenant_id, before.value().unit_id);
                  m.id = id;
                  if (m.id_bidx != before.value().id_bidx) {
                    if (auto existing = FindByIdNumber(sql, m.tenant_id, m.id_bidx)) return Duplicate(*existing);
                  }
                  if (!UpdateMember(sql, m, version))
                    return Error{ErrorCode::kConflict, "信息已被他人修改，请刷新后重试", "version"};
                  const auto& b = before.value();
                  if (b.status != m.status || b.full_on != m.full_on || b.joined_on != m.joined_on)
                    AddStatusHistory(sql, m.tenant_id, id, m.status, m.status == "正式" ? m.full_on : m.joined_on,
                                     "更正党员类别或日期", req.who().user_id);
                  auto ev = audit::EventFor(req, "update", "member", std::to_string(id));
                  ev.before = AuditJson(b);
                  ev.after = AuditJson(m);
                  audit::Append(sql, ev);
                  auto stored = FindMember(sql, WriteScope(req.who().scope), id);
                  return DetailJson(sql, *stored);
                });
                if (!r.ok()) return http::Problem(r.errors());
                return JsonResponse(200, r.value());
              }});

  RegisterTabRoutes(router, s);
  RegisterRosterRoutes(router, s);
}

}  // namespace qizhi::party::members
