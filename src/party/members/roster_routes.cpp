// The roster as a file: export to .xlsx in the column order of the 全国党员管理信息系统, and
// import from .xlsx/.csv — a preview that writes nothing, then a job that writes the whole file
// in one transaction or nothing at all. Re-importing the same file changes nothing.
#include <map>

#include "party/members/filter_params.hpp"
#include "party/members/route_support.hpp"
#include "party/members/roster.hpp"
#include "party/members/routes.hpp"
#include "party/members/store.hpp"
#include "party/org/rules.hpp"
#include "party/org/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/export/xlsx.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/pii/mask.hpp"

namespace qizhi::party::members {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMaxRosterBytes = 20u << 20;
constexpr int64_t kMaxExportRows = 200000;

// What importing a file would do, row by row: computed for the preview and again inside the
// import's transaction, so the import acts on the database as it is then, not as previewed.
struct Plan {
  int rows = 0;
  std::vector<RowError> errors;
  std::vector<MemberRecord> creates;
  std::vector<std::pair<MemberRecord, MemberRecord>> updates;  // before, after
  int unchanged = 0;
};

// How the roster names a unit: its own name, and for a 党小组 also "党支部/党小组", since every
// branch may have a 第一党小组. Export writes the qualified form for groups; import accepts both.
std::string QualifiedName(const org::Unit& u, const std::map<int64_t, std::string>& names) {
  if (u.kind != org::kGroup || !u.parent_id) return u.name;
  auto parent = names.find(*u.parent_id);
  return parent == names.end() ? u.name : parent->second + "/" + u.name;
}

std::string ColumnOf(const std::string& field) {
  for (const auto& c : RosterColumns())
    if (c.field == field) return c.title;
  return field;
}

Result<Plan> MakePlan(soci::session& sql, const Scope& write_scope, const platform::pii::Cipher& cipher,
                      std::string_view bytes) {
  auto grid = ReadRosterFile(bytes);
  if (!grid.ok()) return grid.errors();
  ParsedRoster parsed = ParseRoster(grid.value(), TodayDate());
  Plan plan;
  plan.rows = static_cast<int>(parsed.rows.size());
  for (const auto& e : parsed.errors) plan.errors.push_back(e);

  // Units by name: current 党支部/党小组 the caller may write to. A name used twice cannot say
  // which one it means.
  std::map<std::string, std::vector<org::Unit>> units;
  {
    const Scope tenant = WholeTenant(write_scope.home_tenant);
    std::map<int64_t, std::string> names;
    for (const auto& u : org::ListUnits(sql, tenant)) names[u.id] = u.name;
    for (auto& u : org::ListUnits(sql, write_scope)) {
      if (u.kind != org::kBranch && u.kind != org::kGroup) continue;
      units[u.name].push_back(u);
      if (u.kind == org::kGroup) units[QualifiedName(u, names)].push_back(u);
    }
  }

  std::vector<std::string> bidx;
  for (const auto& row : parsed.rows) bidx.push_back(cipher.BlindIndex(row.member.id_number, kIdNumberPurpose));
  std::map<std::string, MemberRecord> existing;
  for (auto& m : FindByIdNumbers(sql, write_scope.home_tenant, bidx)) existing[m.id_bidx] = m;

  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    const auto& row = parsed.rows[i];
    if (!row.valid) continue;  // its errors are already listed
    auto err = [&](const std::string& field, const std::string& message) {
      plan.errors.push_back({row.line, field, ColumnOf(field), message});
    };
    auto named = units.find(row.unit);
    if (named == units.end()) {
      err("unit", "找不到名为“" + row.unit + "”的党支部或党小组（或不在您的管理范围内）");
      continue;
    }
    if (named->second.size() > 1) {
      err("unit", "有多个名为“" + row.unit + "”的组织，请写作“所在党支部/党小组”，如“内科党支部/" + row.unit + "”");
      continue;
    }
    const org::Unit& unit = named->second.front();
    ValidMember v{row.member, ""};
    // ParseRoster has validated the row: the birth date is the ID number's.
    const std::string& id = row.member.id_number;
    v.birth_date = id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2);
    MemberRecord m = RecordFrom(v, cipher, write_scope.home_tenant, unit.id);
    auto found = existing.find(bidx[i]);
    if (found == existing.end()) {
      plan.creates.push_back(m);
      continue;
    }
    const MemberRecord& before = found->second;
    if (before.state != "active") {
      err("id_number", "该党员已减少（" + before.left_kind + "），不能通过导入恢复");
      continue;
    }
    if (before.unit_id != unit.id) {
      err("unit", "该党员在系统中属于“" + before.unit_name + "”，调整组织请办理组织关系转接");
      continue;
    }
    m.id = before.id;
    m.unit_path = before.unit_path;
    if (SameBasicInfo(before, m)) ++plan.unchanged;
    else plan.updates.push_back({before, m});
  }
  std::sort(plan.errors.begin(), plan.errors.end(),
            [](const RowError& a, const RowError& b) { return a.line < b.line; });
  return plan;
}

nlohmann::json ErrorRows(const std::vector<RowError>& errors) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& e : errors)
    rows.push_back({{"line", e.line}, {"field", e.field}, {"column", e.column}, {"message", e.message}});
  return rows;
}

}  // namespace

void RegisterRosterRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/members/export",
              .permission = "party:member:export",
              .handler = [&s](Request& req) -> Response {
                const bool full = req.Query("full") == "1";
                if (full && !req.who().Has("party:member:pii"))
                  return http::Problem({Error{ErrorCode::kForbidden, "没有查看完整身份证号和电话的权限", "full"}});
                auto r = s.db.Write([&](soci::session& sql) -> Result<platform::xport::Sheet> {
                  auto f = ParseMemberFilter(sql, req.who().scope, s.cipher, req.query);
                  if (!f.ok()) return f.errors();
                  int64_t total = CountMembers(sql, req.who().scope, f.value());
                  if (total > kMaxExportRows)
                    return Invalid("org", "导出行数超过 200000，请缩小范围");
                  platform::xport::Sheet sheet;
                  sheet.name = "党员名册";
                  sheet.title = req.who().tenant_name + "党员名册（截至" + f.value().as_of + "）";
                  sheet.headers.push_back("序号");
                  for (const auto& c : RosterColumns()) sheet.headers.push_back(c.title);
                  std::map<int64_t, std::string> names;
                  std::map<int64_t, std::string> labels;
                  {
                    const auto units = org::ListUnits(sql, Scope{req.who().scope.home_tenant, req.who().scope.tenants, {}});
                    for (const auto& u : units) names[u.id] = u.name;
                    for (const auto& u : units) labels[u.id] = QualifiedName(u, names);
                  }
                  int64_t n = 0;
                  for (const auto& row : ListMembers(sql, req.who().scope, f.value(), {}, 0, kMaxExportRows)) {
                    const auto& m = row.m;
                    RosterExportRow out;
                    MemberInput& in = out.member;
                    in.name = m.name;
                    in.sex = m.sex;
                    in.id_number = m.id_mask;
                    in.phone = m.phone_mask;
                    if (full) {
                      auto id = s.cipher.Decrypt(m.id_enc, IdNumberAd(m.tenant_id));
                      if (!id.ok()) return id.errors();
                      in.id_number = id.value();
                      if (!m.phone_enc.empty()) {
                        auto phone = s.cipher.Decrypt(m.phone_enc, PhoneAd(m.tenant_id));
                        if (!phone.ok()) return phone.errors();
                        in.phone = phone.value();
                      }
                    }
                    in.ethnicity = m.ethnicity;
                    in.native_place = m.native_place;
                    in.education = m.education;
                    in.category = m.category;
                    in.job = m.job;
                    in.status = m.status;
                    in.joined_on = m.joined_on;
                    in.full_on = m.full_on;
                    in.hardship = m.hardship;
                    in.hardship_note = m.hardship_note;
                    in.flowing = m.flowing;
                    in.flow_to = m.flow_to;
                    in.flow_since = m.flow_since;
                    out.unit = labels.count(m.unit_id) ? labels[m.unit_id] : m.unit_name;
                    std::vector<std::string> cells{std::to_string(++n)};
                    for (auto& c : ExportCells(out)) cells.push_back(std::move(c));
                    sheet.rows.push_back(std::move(cells));
                  }
                  if (full) {
                    // An export with full personal data is a read of every row in it.
                    auto ev = audit::EventFor(req, "export_pii", "member", "");
                    ev.after = {{"rows", n}, {"filters", req.query}};
                    audit::Append(sql, ev);
                  }
                  return sheet;
                });
                if (!r.ok()) return http::Problem(r.errors());
                auto bytes = platform::xport::WriteXlsx({r.value()});
                if (!bytes.ok()) return http::Problem(bytes.errors());
                Response res;
                res.content_type = platform::xport::kXlsxContentType;
                res.body = std::move(bytes.value());
                res.headers.push_back({"Content-Disposition", platform::xport::AttachmentHeader(
                                                                  "党员名册-" + TodayShanghai() + ".xlsx",
                                                                  "members-" + TodayShanghai() + ".xlsx")});
                return res;
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/members/import/preview",
              .permission = "party:member:import",
              .max_body_bytes = kMaxRosterBytes,
              .handler = [&s](Request& req) -> Response {
                if (req.body.empty()) return http::Problem({Invalid("file", "请选择要导入的文件")});
                auto plan = s.db.Read([&](soci::session& sql) {
                  return MakePlan(sql, WriteScope(req.who().scope), s.cipher, req.body);
                });
                if (!plan.ok()) return http::Problem(plan.errors());
                const Plan& p = plan.value();
                std::set<int> bad_lines;
                for (const auto& e : p.errors) bad_lines.insert(e.line);
                return JsonResponse(200, {{"rows", p.rows},
                                          {"valid_rows", p.rows - static_cast<int>(bad_lines.size())},
                                          {"create", p.creates.size()},
                                          {"update", p.updates.size()},
                                          {"unchanged", p.unchanged},
                                          {"errors", ErrorRows(p.errors)}});
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/members/import",
              .permission = "party:member:import",
              .audit_action = "import",
              .record_type = "member",
              .max_body_bytes = kMaxRosterBytes,
              .handler = [&s](Request& req) -> Response {
                if (req.body.empty()) return http::Problem({Invalid("file", "请选择要导入的文件")});
                if (!s.jobs) return http::Problem(503, "导入服务未启动");
                const Scope write = WriteScope(req.who().scope);
                audit::Event base = audit::EventFor(req, "create", "member", "");
                const int64_t user_id = req.who().user_id;
                std::string id = s.jobs->Start(
                    "party.members.import", req.who().tenant_id, user_id,
                    [&s, write, base, user_id, bytes = req.body](platform::jobs::Progress& progress)
                        -> Result<nlohmann::json> {
                      nlohmann::json rows_failed;
                      auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                        auto plan = MakePlan(sql, write, s.cipher, bytes);
                        if (!plan.ok()) return plan.errors();
                        Plan& p = plan.value();
                        if (!p.errors.empty()) {
                          rows_failed = ErrorRows(p.errors);
                          return Invalid("file", "文件有错误，未导入任何数据");
                        }
                        const size_t total = p.creates.size() + p.updates.size();
                        size_t done = 0;
                        for (auto& m : p.creates) {
                          m.id = InsertMember(sql, m, m.joined_on, "joined", user_id);
                          audit::Event ev = base;
                          ev.record_id = std::to_string(m.id);
                          ev.after = AuditJson(m);
                          ev.after["source"] = "import";
                          audit::Append(sql, ev);
                          progress.Set(static_cast<int>(++done * 100 / std::max<size_t>(total, 1)));
                        }
                        for (auto& [before, after] : p.updates) {
                          if (!UpdateMember(sql, after, before.version))
                            return Error{ErrorCode::kConflict, "导入期间党员信息被修改，请重新导入", "file"};
                          if (before.status != after.status || before.full_on != after.full_on)
                            AddStatusHistory(sql, after.tenant_id, after.id, after.status,
                                             after.status == "正式" ? after.full_on : after.joined_on, "名册导入",
                                             user_id);
                          audit::Event ev = base;
                          ev.action = "update";
                          ev.record_id = std::to_string(after.id);
                          ev.before = AuditJson(before);
                          ev.after = AuditJson(after);
                          ev.after["source"] = "import";
                          audit::Append(sql, ev);
                          progress.Set(static_cast<int>(++done * 100 / std::max<size_t>(total, 1)));
                        }
                        return nlohmann::json{{"created", p.creates.size()},
                                              {"updated", p.updates.size()},
                                              {"unchanged", p.unchanged}};
                      });
                      if (!rows_failed.is_null()) return progress.Fail(rows_failed);
                      return r;
                    });
                return JsonResponse(202, {{"job_id", id}});
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/jobs/{id}",
              .access = http::Access::kLoggedIn,
              .handler = [&s](Request& req) -> Response {
                const std::string id = req.params.count("id") ? req.params.at("id") : "";
                auto job = s.jobs ? s.jobs->Find(id, req.who().tenant_id, req.who().user_id) : std::nullopt;
                if (!job) return http::Problem({Error{ErrorCode::kNotFound, "任务不存在或已过期", "id"}});
                return JsonResponse(200, platform::jobs::ToJson(*job));
              }});
}

}  // namespace qizhi::party::members
