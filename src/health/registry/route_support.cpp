#include "health/registry/route_support.hpp"

#include "health/outreach/coverage_summary.hpp"

#include "health/registry/divisions.hpp"
#include "health/registry/keys.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/pii/mask.hpp"

namespace qizhi::health::registry {
namespace http = platform::http;
using nlohmann::json;

VillageScope CallerVillages(soci::session& sql, const http::Request& req) {
  const auto& who = req.who();
  return VillageScopeOf(sql, who.tenant_id, who.user_id, who.Has("health:scope:all"), TodayShanghai());
}

Error HouseholdNotFound() { return Error{ErrorCode::kNotFound, "建档立卡户不存在", "id"}; }
Error PersonNotFound() { return Error{ErrorCode::kNotFound, "人员不存在", "id"}; }

namespace {

json Opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json ChronicJson(const std::string& stored) {
  json a = json::array();
  for (const auto& item : SplitList(stored)) a.push_back(item);
  return a;
}

std::optional<int64_t> JsonInt(const json& body, const char* name, const char* title, Errors& errors) {
  if (!body.contains(name) || body[name].is_null()) return std::nullopt;
  if (!body[name].is_number_integer()) {
    errors.push_back(Invalid(name, std::string(title) + "应为整数"));
    return std::nullopt;
  }
  return body[name].get<int64_t>();
}

}  // namespace

json HouseholdItemJson(const HouseholdRecord& h) {
  return {{"id", h.id},
          {"village_code", h.village_code},
          {"village_name", h.village_name},
          {"town_name", h.town_name},
          {"number", http::TextOrNull(h.number)},
          {"group_name", http::TextOrNull(h.group_name)},
          {"address", http::TextOrNull(h.address_mask)},
          {"head_person_id", h.head_person_id ? json(h.head_person_id) : json(nullptr)},
          {"head_name", http::TextOrNull(h.head_name)},
          {"head_id_number", http::TextOrNull(h.head_id_mask)},
          {"members", h.members},
          {"poverty_cause", h.poverty_cause},
          {"status", h.status},
          {"status_since", h.status_since},
          {"monitor_kind", http::TextOrNull(h.monitor_kind)},
          {"registered_on", h.registered_on},
          {"income_year", Opt(h.income_year)},
          {"income_fen", Opt(h.income_fen)},
          {"note", http::TextOrNull(h.note)},
          {"state", h.state},
          {"closed_on", http::TextOrNull(h.closed_on)},
          {"closed_reason", http::TextOrNull(h.closed_reason)},
          {"version", h.version}};
}

json PersonJson(const PersonRecord& p) {
  return {{"id", p.id},
          {"household_id", p.household_id},
          {"household_number", http::TextOrNull(p.household_number)},
          {"head_name", http::TextOrNull(p.head_name)},
          {"village_code", p.village_code},
          {"village_name", p.village_name},
          {"name", p.name},
          {"sex", p.sex},
          {"birth_date", p.birth_date},
          {"id_number", p.id_mask},
          {"relation", p.relation},
          {"phone", http::TextOrNull(p.phone_mask)},
          {"chronic", ChronicJson(p.chronic)},
          {"disability", http::TextOrNull(p.disability)},
          {"joined_on", http::TextOrNull(p.joined_on)},
          {"left_on", http::TextOrNull(p.left_on)},
          {"left_reason", http::TextOrNull(p.left_reason)},
          {"current", p.left_on.empty()},
          {"version", p.version}};
}

json HouseholdDetailJson(soci::session& sql, const HouseholdRecord& h) {
  json out = HouseholdItemJson(h);
  json members = json::array();
  for (const auto& p : PersonsOf(sql, h.tenant_id, h.id)) members.push_back(PersonJson(p));
  out["persons"] = members;
  json history = json::array();
  for (const auto& e : HistoryOf(sql, h.tenant_id, h.id)) {
    history.push_back({{"id", e.id},
                       {"entity", e.entity},
                       {"entity_id", e.entity_id},
                       {"kind", e.kind},
                       {"before", e.before_json.empty() ? json(nullptr) : json::parse(e.before_json, nullptr, false)},
                       {"after", e.after_json.empty() ? json(nullptr) : json::parse(e.after_json, nullptr, false)},
                       {"note", http::TextOrNull(e.note)},
                       {"changed_at", e.changed_at},
                       {"changed_by", http::TextOrNull(e.changed_by_name)}});
  }
  out["history"] = history;
  return out;
}

HouseholdInput HouseholdFromJson(const json& body, Errors& errors) {
  HouseholdInput in;
  in.village_code = http::JsonText(body, "village_code", errors);
  in.number = http::JsonText(body, "number", errors);
  in.group_name = http::JsonText(body, "group_name", errors);
  in.address = http::JsonText(body, "address", errors);
  in.poverty_cause = http::JsonText(body, "poverty_cause", errors);
  in.status = http::JsonText(body, "status", errors);
  in.status_since = http::JsonText(body, "status_since", errors);
  in.monitor_kind = http::JsonText(body, "monitor_kind", errors);
  in.registered_on = http::JsonText(body, "registered_on", errors);
  in.note = http::JsonText(body, "note", errors);
  in.income_year = JsonInt(body, "income_year", "收入年度", errors);
  in.income_fen = JsonInt(body, "income_fen", "人均纯收入（分）", errors);
  return in;
}

PersonInput PersonFromJson(const json& body, Errors& errors) {
  PersonInput in;
  in.name = http::JsonText(body, "name", errors);
  in.id_number = http::JsonText(body, "id_number", errors);
  in.sex = http::JsonText(body, "sex", errors);
  in.relation = http::JsonText(body, "relation", errors);
  in.phone = http::JsonText(body, "phone", errors);
  in.disability = http::JsonText(body, "disability", errors);
  in.joined_on = http::JsonText(body, "joined_on", errors);
  if (body.contains("chronic") && !body["chronic"].is_null()) {
    const auto& c = body["chronic"];
    if (c.is_string()) {
      in.chronic = SplitList(c.get<std::string>());
    } else if (c.is_array()) {
      for (const auto& item : c) {
        if (item.is_string()) in.chronic.push_back(item.get<std::string>());
        else errors.push_back(Invalid("chronic", "慢性病应为病种名称的列表"));
      }
    } else {
      errors.push_back(Invalid("chronic", "慢性病应为病种名称的列表"));
    }
  }
  return in;
}

HouseholdRecord HouseholdRecordFrom(const HouseholdInput& v, const platform::pii::Cipher& cipher, int64_t tenant_id) {
  HouseholdRecord h;
  h.tenant_id = tenant_id;
  h.village_code = v.village_code;
  h.number = v.number;
  h.group_name = v.group_name;
  if (!v.address.empty()) {
    h.address_enc = cipher.Encrypt(v.address, HouseholdAddressAd(tenant_id));
    h.address_mask = platform::pii::MaskAddress(v.address);
  }
  h.poverty_cause = v.poverty_cause;
  h.status = v.status;
  h.status_since = v.status_since;
  h.monitor_kind = v.monitor_kind;
  h.registered_on = v.registered_on;
  h.income_year = v.income_year;
  h.income_fen = v.income_fen;
  h.note = v.note;
  return h;
}

PersonRecord PersonRecordFrom(const ValidPerson& v, const platform::pii::Cipher& cipher, int64_t tenant_id) {
  PersonRecord p;
  p.tenant_id = tenant_id;
  p.name = v.input.name;
  p.sex = v.sex;
  p.birth_date = v.birth_date;
  p.id_enc = cipher.Encrypt(v.input.id_number, PersonIdNumberAd(tenant_id));
  p.id_bidx = cipher.BlindIndex(v.input.id_number, kIdNumberPurpose);
  p.id_mask = platform::pii::MaskIdNumber(v.input.id_number);
  p.relation = v.input.relation;
  if (!v.input.phone.empty()) {
    p.phone_enc = cipher.Encrypt(v.input.phone, PersonPhoneAd(tenant_id));
    p.phone_bidx = cipher.BlindIndex(v.input.phone, kPhonePurpose);
    p.phone_mask = platform::pii::MaskPhone(v.input.phone);
  }
  p.chronic = v.chronic;
  p.disability = v.input.disability;
  p.joined_on = v.input.joined_on;
  p.left_on = v.input.left_on;
  p.left_reason = v.input.left_reason;
  return p;
}

namespace {

// Compared by their stored (masked or plain) forms: a ciphertext differs on every write, the
// blind index tells whether the value did.
void Field(json& before, json& after, const char* name, const std::string& a, const std::string& b) {
  if (a == b) return;
  before[name] = http::TextOrNull(a);
  after[name] = http::TextOrNull(b);
}
void FieldInt(json& before, json& after, const char* name, const std::optional<int64_t>& a,
              const std::optional<int64_t>& b) {
  if (a == b) return;
  before[name] = Opt(a);
  after[name] = Opt(b);
}

}  // namespace

std::pair<json, json> HouseholdDiff(const HouseholdRecord& a, const HouseholdRecord& b) {
  json before = json::object(), after = json::object();
  Field(before, after, "village_code", a.village_code, b.village_code);
  Field(before, after, "number", a.number, b.number);
  Field(before, after, "group_name", a.group_name, b.group_name);
  // The masked address may stay the same while the address changes: compare the plain forms'
  // masks and, when equal, say only that it changed.
  if (a.address_mask != b.address_mask) Field(before, after, "address", a.address_mask, b.address_mask);
  Field(before, after, "poverty_cause", a.poverty_cause, b.poverty_cause);
  Field(before, after, "status", a.status, b.status);
  Field(before, after, "status_since", a.status_since, b.status_since);
  Field(before, after, "monitor_kind", a.monitor_kind, b.monitor_kind);
  Field(before, after, "registered_on", a.registered_on, b.registered_on);
  FieldInt(before, after, "income_year", a.income_year, b.income_year);
  FieldInt(before, after, "income_fen", a.income_fen, b.income_fen);
  Field(before, after, "note", a.note, b.note);
  return {before, after};
}

std::pair<json, json> PersonDiff(const PersonRecord& a, const PersonRecord& b) {
  json before = json::object(), after = json::object();
  Field(before, after, "name", a.name, b.name);
  if (a.id_bidx != b.id_bidx) {
    before["id_number"] = a.id_mask;
    after["id_number"] = b.id_mask;
  }
  Field(before, after, "sex", a.sex, b.sex);
  Field(before, after, "birth_date", a.birth_date, b.birth_date);
  Field(before, after, "relation", a.relation, b.relation);
  if (a.phone_bidx != b.phone_bidx) {
    before["phone"] = http::TextOrNull(a.phone_mask);
    after["phone"] = http::TextOrNull(b.phone_mask);
  }
  Field(before, after, "chronic", a.chronic, b.chronic);
  Field(before, after, "disability", a.disability, b.disability);
  Field(before, after, "joined_on", a.joined_on, b.joined_on);
  Field(before, after, "left_on", a.left_on, b.left_on);
  Field(before, after, "left_reason", a.left_reason, b.left_reason);
  return {before, after};
}

json HouseholdAuditJson(const HouseholdRecord& h) {
  json j = HouseholdItemJson(h);
  j.erase("version");
  return j;
}

json PersonAuditJson(const PersonRecord& p) {
  json j = PersonJson(p);
  j.erase("version");
  return j;
}

Status CheckWritableVillage(soci::session& sql, const VillageScope& villages, const std::string& code,
                            const std::string& field) {
  auto d = FindDivision(sql, code);
  if (!d || d->level != "village") return Invalid(field, "所在村不在已加载的行政区划中，请从列表中选择");
  if (!villages.Allows(code))
    return Error{ErrorCode::kForbidden, "您所在的帮扶队不负责" + d->name + "，不能在该村登记", field};
  return Ok();
}

Error DuplicateIdNumber(const PersonRecord& existing) {
  std::string who = existing.village_name + " " + existing.name;
  if (existing.relation == "户主" || existing.head_name.empty()) who += "（户主）";
  else who += "（户主：" + existing.head_name + "）";
  if (!existing.left_on.empty()) who += "，已于 " + existing.left_on + " " + existing.left_reason;
  return Error{ErrorCode::kConflict, "该身份证号已登记：" + who, "id_number"};
}

void RecordChange(soci::session& sql, const http::Request& req, const std::string& entity, int64_t entity_id,
                  int64_t household_id, const std::string& kind, const json& before, const json& after,
                  const std::string& note) {
  HistoryEntry e;
  e.entity = entity;
  e.entity_id = entity_id;
  e.household_id = household_id;
  e.kind = kind;
  e.before_json = before.is_null() || before.empty() ? "" : before.dump();
  e.after_json = after.is_null() || after.empty() ? "" : after.dump();
  e.note = note;
  e.changed_at = NowUtc();
  AddHistory(sql, req.who().tenant_id, e, req.who().user_id);
  // Membership, village or state may have changed: the household's coverage is judged again in
  // every built period, in this transaction.
  health::outreach::RefreshHousehold(sql, req.who().tenant_id, household_id, TodayDate());
  auto ev = platform::audit::EventFor(req, kind, entity, std::to_string(entity_id));
  ev.before = before.is_null() || before.empty() ? json(nullptr) : before;
  ev.after = after;
  if (!note.empty()) ev.after["note"] = note;
  platform::audit::Append(sql, ev);
}

Result<json> WriteOrDuplicate(platform::db::Database& db, const std::function<Result<json>(soci::session&)>& fn) {
  return platform::db::WriteOrConflict(db, fn, [](const std::string& field) {
    if (field.find("number") != std::string::npos && field.find("id_number") == std::string::npos)
      return Error{ErrorCode::kConflict, "户编号已存在", "number"};
    return Error{ErrorCode::kConflict, "该身份证号已登记", "id_number"};
  });
}

}  // namespace qizhi::health::registry
