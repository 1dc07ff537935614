#include "party/members/route_support.hpp"

#include "platform/core/clock.hpp"
#include "platform/pii/mask.hpp"

namespace qizhi::party::members {
using platform::http::TextOrNull;
using platform::http::ValueOrNull;

Error MemberNotFound() { return Error{ErrorCode::kNotFound, "党员不存在或不在您的管理范围内", "id"}; }

Result<MemberRecord> LoadForWrite(soci::session& sql, const platform::http::Request& req, int64_t id) {
  auto m = FindMember(sql, WriteScope(req.who().scope), id);
  if (!m) return MemberNotFound();
  if (m->state != "active")
    return Error{ErrorCode::kConflict, "该党员已减少（" + m->left_kind + "），不能再修改", "id"};
  return *m;
}

namespace {

int Age(const std::string& birth, const std::string& on) {
  auto b = ParseDate(birth);
  auto d = ParseDate(on);
  return b && d ? AgeOn(*b, *d) : 0;
}

nlohmann::json BasicJson(const MemberRecord& m, const std::string& as_of) {
  // Status as of the list's date: a member who became 正式 later was 预备 then.
  std::string status = m.status;
  if (m.state == "active") status = !m.full_on.empty() && m.full_on <= as_of ? "正式" : "预备";
  return {{"id", m.id},
          {"tenant_id", m.tenant_id},
          {"unit_id", m.unit_id},
          {"unit_name", m.unit_name},
          {"name", m.name},
          {"sex", m.sex},
          {"id_number", m.id_mask},
          {"birth_date", m.birth_date},
          {"age", Age(m.birth_date, as_of)},
          {"ethnicity", m.ethnicity},
          {"education", m.education},
          {"category", m.category},
          {"job", TextOrNull(m.job)},
          {"phone", TextOrNull(m.phone_mask)},
          {"status", status},
          {"joined_on", m.joined_on},
          {"full_on", TextOrNull(m.full_on)},
          {"hardship", m.hardship},
          {"flowing", m.flowing},
          {"state", m.state},
          {"left_on", TextOrNull(m.left_on)},
          {"left_kind", TextOrNull(m.left_kind)},
          {"version", m.version}};
}
}  // namespace

nlohmann::json ListItemJson(const MemberRow& row, const std::string& as_of) {
  auto j = BasicJson(row.m, as_of);
  j["party_posts"] = row.party_posts;
  j["hospital_posts"] = row.hospital_posts;
  return j;
}

nlohmann::json DetailJson(soci::session& sql, const MemberRecord& m) {
  const std::string today = TodayShanghai();
  auto j = BasicJson(m, m.state == "active" ? today : m.left_on);
  j["native_place"] = TextOrNull(m.native_place);
  j["hardship_note"] = TextOrNull(m.hardship_note);
  j["flow_to"] = TextOrNull(m.flow_to);
  j["flow_since"] = TextOrNull(m.flow_since);
  j["left_reason"] = TextOrNull(m.left_reason);
  j["unit_path"] = m.unit_path;

  nlohmann::json posts = nlohmann::json::array();
  std::vector<std::string> party_now, hospital_now;
  for (const auto& p : PostsOf(sql, m.tenant_id, m.id)) {
    posts.push_back({{"id", p.id},
                     {"kind", p.kind},
                     {"title", p.title},
                     {"unit_id", ValueOrNull(p.unit_id)},
                     {"unit_name", TextOrNull(p.unit_name)},
                     {"department", TextOrNull(p.department)},
                     {"started_on", p.started_on},
                     {"ended_on", ValueOrNull(p.ended_on)},
                     {"appoint_doc", TextOrNull(p.appoint_doc)},
                     {"end_doc", TextOrNull(p.end_doc)},
                     {"end_reason", TextOrNull(p.end_reason)},
                     {"dual_id", ValueOrNull(p.dual_id)}});
    if (!p.ended_on) (p.kind == "party" ? party_now : hospital_now).push_back(p.title);
  }
  j["posts"] = posts;
  j["party_posts"] = party_now;
  j["hospital_posts"] = hospital_now;

  nlohmann::json rewards = nlohmann::json::array();
  for (const auto& r : RewardsOf(sql, m.tenant_id, m.id))
    rewards.push_back({{"id", r.id},
                       {"kind", r.kind},
                       {"title", r.title},
                       {"decided_on", r.decided_on},
                       {"authority", r.authority},
                       {"note", TextOrNull(r.note)}});
  j["rewards"] = rewards;

  nlohmann::json family = nlohmann::json::array();
  for (const auto& f : FamilyOf(sql, m.tenant_id, m.id))
    family.push_back({{"id", f.id},
                      {"relation", f.relation},
                      {"name", f.name},
                      {"work_unit", TextOrNull(f.work_unit)},
                      {"political_status", TextOrNull(f.political_status)},
                      {"ended_at", ValueOrNull(f.ended_at)},
                      {"end_reason", TextOrNull(f.end_reason)}});
  j["family"] = family;

  nlohmann::json units = nlohmann::json::array();
  for (const auto& u : UnitsOf(sql, m.tenant_id, m.id))
    units.push_back({{"unit_id", u.unit_id},
                     {"unit_name", u.unit_name},
                     {"started_on", u.started_on},
                     {"ended_on", ValueOrNull(u.ended_on)},
                     {"start_kind", u.start_kind},
                     {"end_kind", TextOrNull(u.end_kind)}});
  j["units"] = units;

  nlohmann::json transfers = nlohmann::json::array();
  for (const auto& t : TransfersOf(sql, m.tenant_id, m.id))
    transfers.push_back({{"id", t.id},
                         {"kind", t.kind},
                         {"from_unit_id", ValueOrNull(t.from_unit_id)},
                         {"from_unit_name", TextOrNull(t.from_unit_name)},
                         {"to_unit_id", ValueOrNull(t.to_unit_id)},
                         {"to_unit_name", TextOrNull(t.to_unit_name)},
                         {"external_org", TextOrNull(t.external_org)},
                         {"letter_no", t.letter_no},
                         {"issued_on", t.issued_on},
                         {"effective_on", t.effective_on},
                         {"note", TextOrNull(t.note)},
                         {"created_at", t.created_at}});
  j["transfers"] = transfers;

  nlohmann::json history = nlohmann::json::array();
  for (const auto& s : StatusHistoryOf(sql, m.tenant_id, m.id))
    history.push_back({{"status", s.status}, {"since", s.since}, {"note", TextOrNull(s.note)}, {"created_at", s.created_at}});
  j["status_history"] = history;
  return j;
}

nlohmann::json AuditJson(const MemberRecord& m) {
  return {{"unit_id", m.unit_id},     {"name", m.name},
          {"sex", m.sex},             {"id_number", m.id_mask},
          {"birth_date", m.birth_date}, {"ethnicity", m.ethnicity},
          {"native_place", m.native_place}, {"education", m.education},
          {"category", m.category},   {"job", m.job},
          {"phone", m.phone_mask},    {"status", m.status},
          {"joined_on", m.joined_on}, {"full_on", m.full_on},
          {"hardship", m.hardship},   {"hardship_note", m.hardship_note},
          {"flowing", m.flowing},     {"flow_to", m.flow_to},
          {"flow_since", m.flow_since}, {"state", m.state}};
}

}  // namespace qizhi::party::members

namespace qizhi::party::members {

MemberInput InputFromJson(const nlohmann::json& body, Errors& errors) {
  using platform::http::JsonText;
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

MemberRecord RecordFrom(const ValidMember& v, const platform::pii::Cipher& cipher, int64_t tenant_id, int64_t unit_id) {
  const auto& in = v.input;
  MemberRecord m;
  m.tenant_id = tenant_id;
  m.unit_id = unit_id;
  m.name = in.name;
  m.sex = in.sex;
  m.id_enc = cipher.Encrypt(in.id_number, IdNumberAd(tenant_id));
  m.id_bidx = cipher.BlindIndex(in.id_number, kIdNumberPurpose);
  m.id_mask = platform::pii::MaskIdNumber(in.id_number);
  m.birth_date = v.birth_date;
  m.ethnicity = in.ethnicity;
  m.native_place = in.native_place;
  m.education = in.education;
  m.category = in.category;
  m.job = in.job;
  if (!in.phone.empty()) {
    m.phone_enc = cipher.Encrypt(in.phone, PhoneAd(tenant_id));
    m.phone_bidx = cipher.BlindIndex(in.phone, kPhonePurpose);
    m.phone_mask = platform::pii::MaskPhone(in.phone);
  }
  m.status = in.status;
  m.joined_on = in.joined_on;
  m.full_on = in.full_on;
  m.hardship = in.hardship;
  m.hardship_note = in.hardship ? in.hardship_note : "";
  m.flowing = in.flowing;
  m.flow_to = in.flowing ? in.flow_to : "";
  m.flow_since = in.flowing ? in.flow_since : "";
  return m;
}

bool SameBasicInfo(const MemberRecord& a, const MemberRecord& b) {
  // Ciphertexts differ on every encryption (random nonce): compare the blind indexes instead.
  return a.name == b.name && a.sex == b.sex && a.id_bidx == b.id_bidx && a.birth_date == b.birth_date &&
         a.ethnicity == b.ethnicity && a.native_place == b.native_place && a.education == b.education &&
         a.category == b.category && a.job == b.job && a.phone_bidx == b.phone_bidx && a.status == b.status &&
         a.joined_on == b.joined_on && a.full_on == b.full_on && a.hardship == b.hardship &&
         a.hardship_note == b.hardship_note && a.flowing == b.flowing && a.flow_to == b.flow_to &&
         a.flow_since == b.flow_since;
}

}  // namespace qizhi::party::members
