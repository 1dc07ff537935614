// The registry as a file: the import template, a preview of importing the county's 建档立卡 list
// that writes nothing, the import itself as a job (the whole file, or only its valid rows when
// the user says so, in one transaction), and the .xlsx export of households and persons (masked
// unless the caller holds health:registry:pii). Rows are matched by ID number (blind index) and
// households by 户编号: re-importing the same file changes nothing and says so.
#include <map>
#include <set>

#include "health/registry/bulk.hpp"
#include "health/registry/import_file.hpp"
#include "health/registry/keys.hpp"
#include "health/outreach/coverage_summary.hpp"
#include "health/registry/route_support.hpp"
#include "health/registry/routes.hpp"
#include "health/registry/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/export/xlsx.hpp"
#include "platform/jobs/jobs.hpp"

namespace qizhi::health::registry {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr size_t kMaxFileBytes = 64u << 20;  // 100,000 persons as CSV is about 12 MB
constexpr int64_t kMaxExportRows = 200000;

struct NewHousehold {
  HouseholdRecord household;
  std::vector<PersonRecord> persons;  // the 户主 first
};

// What importing a file would do: computed for the preview and again inside the import's
// transaction, so the import acts on the database as it is then, not as previewed.
struct Plan {
  int rows = 0;
  std::vector<ImportError> errors;
  std::vector<NewHousehold> new_households;
  std::vector<std::pair<HouseholdRecord, HouseholdRecord>> household_updates;  // before, after
  std::vector<PersonRecord> new_members;                                       // into existing households
  std::vector<std::pair<PersonRecord, PersonRecord>> person_updates;           // before, after
  int unchanged = 0;
  int persons_created() const {
    int n = static_cast<int>(new_members.size());
    for (const auto& h : new_households) n += static_cast<int>(h.persons.size());
    return n;
  }
};

std::string ColumnOf(const std::string& field) {
  for (const auto& c : ImportColumns())
    if (c.field == field) return c.title;
  return "";
}

bool SamePerson(const PersonRecord& a, const PersonRecord& b) {
  return a.name == b.name && a.sex == b.sex && a.birth_date == b.birth_date && a.id_bidx == b.id_bidx &&
         a.relation == b.relation && a.phone_bidx == b.phone_bidx && a.chronic == b.chronic && a.disability == b.disability;
}

bool SameHousehold(const HouseholdRecord& a, const HouseholdRecord& b) {
  return a.village_code == b.village_code && a.poverty_cause == b.poverty_cause && a.status == b.status &&
         a.status_since == b.status_since && a.monitor_kind == b.monitor_kind && a.registered_on == b.registered_on &&
         a.income_year == b.income_year && a.income_fen == b.income_fen;
}

Result<Plan> MakePlan(soci::session& sql, const Request& req, const platform::pii::Cipher& cipher, std::string_view bytes) {
  auto grid = platform::sheet::ReadFile(bytes);
  if (!grid.ok()) return grid.errors();
  ParsedImport parsed = ParseImport(grid.value(), TodayDate());
  Plan plan;
  plan.rows = static_cast<int>(parsed.rows.size());
  plan.errors = parsed.errors;
  if (parsed.rows.empty() && plan.errors.empty()) return Invalid("file", "文件中没有数据行");
  const int64_t tenant = req.who().tenant_id;
  const VillageScope villages = CallerVillages(sql, req);
  std::set<int> bad;
  for (const auto& e : plan.errors) bad.insert(e.line);
  auto err = [&](const ImportRow& row, const std::string& field, const std::string& message) {
    plan.errors.push_back({row.line, field, ColumnOf(field), message});
    bad.insert(row.line);
  };

  // Everything the file names, read in a few queries: its villages, households and persons.
  std::set<std::string> village_values, numbers;
  std::vector<std::string> bidx(parsed.rows.size());
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    const auto& row = parsed.rows[i];
    if (!row.village.empty()) village_values.insert(row.village);
    if (!row.number.empty()) numbers.insert(row.number);
    if (row.valid) bidx[i] = cipher.BlindIndex(row.person.id_number, kIdNumberPurpose);
  }
  std::map<std::string, std::vector<VillageRef>> village_by;
  for (const auto& v : VillagesByCodeOrName(sql, {village_values.begin(), village_values.end()})) {
    village_by[v.code].push_back(v);
    if (!village_values.count(v.code) || v.name != v.code) village_by[v.name].push_back(v);
  }
  std::map<std::string, HouseholdRecord> households;
  for (auto& h : FindHouseholdsByNumbers(sql, tenant, {numbers.begin(), numbers.end()})) households[h.number] = h;
  std::map<std::string, PersonRecord> persons;
  {
    std::vector<std::string> wanted;
    for (const auto& b : bidx)
      if (!b.empty()) wanted.push_back(b);
    for (auto& p : FindByIdNumbers(sql, tenant, wanted)) persons[p.id_bidx] = p;
  }

  // Households first: each 户编号's village and household columns come from its 户主 row.
  std::map<std::string, size_t> new_index;        // 户编号 → plan.new_households
  std::map<std::string, std::string> village_of;  // 户编号 → village code
  for (const auto& row : parsed.rows) {
    if (row.person.relation != kHead || row.number.empty() || bad.count(row.line)) continue;
    auto named = village_by.find(row.village);
    if (named == village_by.end()) {
      err(row, "village_code", "找不到村“" + row.village + "”，请填写已加载区划中的村名或 12 位代码");
      continue;
    }
    if (named->second.size() > 1) {
      err(row, "village_code", "有多个名为“" + row.village + "”的村（如 " + named->second[0].full_name + "），请填写 12 位区划代码");
      continue;
    }
    const VillageRef& village = named->second.front();
    if (!villages.Allows(village.code)) {
      err(row, "village_code", "您所在的帮扶队不负责" + village.name + "，不能导入该村的户");
      continue;
    }
    HouseholdInput in = row.household;
    in.village_code = village.code;
    HouseholdRecord after = HouseholdRecordFrom(in, cipher, tenant);
    auto existing = households.find(row.number);
    if (existing == households.end()) {
      new_index[row.number] = plan.new_households.size();
      plan.new_households.push_back({after, {}});
      village_of[row.number] = village.code;
      continue;
    }
    const HouseholdRecord& before = existing->second;
    if (before.state != "active") {
      err(row, "number", "户编号 " + row.number + " 的户已销户，不能通过导入恢复");
      continue;
    }
    if (!villages.Allows(before.village_code)) {
      err(row, "number", "户编号 " + row.number + " 已登记在您的帮扶范围以外的村");
      continue;
    }
    // What the list does not carry stays as registered.
    after.id = before.id;
    after.number = before.number;
    after.group_name = before.group_name;
    after.address_enc = before.address_enc;
    after.address_mask = before.address_mask;
    after.note = before.note;
    if (!row.registered_given) after.registered_on = before.registered_on;
    if (!after.income_fen) {
      after.income_fen = before.income_fen;
      after.income_year = before.income_year;
    }
    village_of[row.number] = after.village_code;
    if (!SameHousehold(before, after)) plan.household_updates.push_back({before, after});
  }

  // Then persons, matched by ID number.
  std::map<std::string, int> heads_in_household;  // existing households: a 户主 row that is new
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    const auto& row = parsed.rows[i];
    if (bad.count(row.line)) continue;
    auto household = households.find(row.number);
    const bool is_new = new_index.count(row.number) > 0;
    if (!is_new && household == households.end()) {
      err(row, "number", "户编号 " + row.number + " 尚未登记，且文件中没有该户的户主行（或户主行有错误）");
      continue;
    }
    if (!is_new && !village_of.count(row.number)) {
      if (household->second.state != "active") {
        err(row, "number", "户编号 " + row.number + " 的户已销户");
        continue;
      }
      if (!villages.Allows(household->second.village_code)) {
        err(row, "number", "户编号 " + row.number + " 已登记在您的帮扶范围以外的村");
        continue;
      }
      village_of[row.number] = household->second.village_code;
    }
    if (!village_of.count(row.number)) continue;  // its 户主 row failed and is reported
    ValidPerson v{row.person, row.birth_date, row.sex, row.chronic};
    PersonRecord after = PersonRecordFrom(v, cipher, tenant);
    after.village_code = village_of[row.number];
    auto existing = persons.find(bidx[i]);
    if (existing == persons.end()) {
      if (is_new) {
        plan.new_households[new_index[row.number]].persons.push_back(after);
      } else {
        after.household_id = household->second.id;
        if (after.relation == kHead)
          err(row, "relation", "户编号 " + row.number + " 已有户主" + household->second.head_name + "，变更户主请在户详情中办理");
        else plan.new_members.push_back(after);
      }
      continue;
    }
    const PersonRecord& before = existing->second;
    if (is_new || before.household_number != row.number) {
      err(row, "id_number", DuplicateIdNumber(before).message + "，在户编号 " + before.household_number + " 中");
      continue;
    }
    if (!before.left_on.empty()) {
      err(row, "id_number", "该成员已于 " + before.left_on + " 减员（" + before.left_reason + "），不能通过导入恢复");
      continue;
    }
    if (before.relation != after.relation && (before.relation == kHead || after.relation == kHead)) {
      err(row, "relation", "变更户主请在户详情中办理");
      continue;
    }
    after.id = before.id;
    after.household_id = before.household_id;
    after.village_code = before.village_code;
    after.joined_on = before.joined_on;
    // A ciphertext differs on every encryption: keep the stored one when the value did not change.
    if (after.id_bidx == before.id_bidx) after.id_enc = before.id_enc;
    if (after.phone_bidx == before.phone_bidx) after.phone_enc = before.phone_enc;
    if (SamePerson(before, after)) ++plan.unchanged;
    else plan.person_updates.push_back({before, after});
  }
  std::stable_sort(plan.errors.begin(), plan.errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.line < b.line; });
  return plan;
}

json ErrorRows(const std::vector<ImportError>& errors) {
  json rows = json::array();
  for (const auto& e : errors)
    rows.push_back({{"line", e.line}, {"field", e.field}, {"column", e.column}, {"message", e.message}});
  return rows;
}

json Summary(const Plan& p) {
  std::set<int> bad;
  for (const auto& e : p.errors) bad.insert(e.line);
  return {{"rows", p.rows},
          {"valid_rows", p.rows - static_cast<int>(bad.size())},
          {"households_created", p.new_households.size()},
          {"households_updated", p.household_updates.size()},
          {"persons_created", p.persons_created()},
          {"persons_updated", p.person_updates.size()},
          {"unchanged", p.unchanged},
          {"errors", ErrorRows(p.errors)}};
}

// Where a chunked Apply stands: the stage (new households, household updates, new members,
// person updates) and the index within it.
struct Cursor {
  int stage = 0;
  size_t index = 0;
  size_t done = 0;
  bool finished() const { return stage > 3; }
};

// Writes up to `limit` more records of the plan, from `c` on; registry_history for every change
// (the one audit row of the import is written by the caller: a row per person would put 100,000
// rows into the audit chain for one act of one user). Chunks keep each transaction short, so on
// SQLite other writers (sessions, visits) are not held up for the whole file; a re-import after
// an interruption completes it, since rows are matched by ID number.
void Apply(soci::session& sql, Plan& p, int64_t user_id, platform::jobs::Progress* progress, Cursor& c, size_t limit) {
  const std::string now = NowUtc();
  const size_t total = std::max<size_t>(1, p.persons_created() + p.person_updates.size() + p.household_updates.size());
  size_t written = 0;
  auto tick = [&](size_t n = 1) {
    written += n;
    c.done += n;
    if (progress) progress->Set(static_cast<int>(10 + c.done * 89 / total));
  };
  auto add_history = [&](int64_t tenant, const char* entity, int64_t id, int64_t household, const char* kind,
                         const json& before, const json& after) {
    HistoryEntry e;
    e.entity = entity;
    e.entity_id = id;
    e.household_id = household;
    e.kind = kind;
    e.before_json = before.is_null() || before.empty() ? "" : before.dump();
    e.after_json = after.dump();
    e.note = "导入";
    e.changed_at = now;
    AddHistory(sql, tenant, e, user_id);
  };
  auto next_stage = [&] {
    ++c.stage;
    c.index = 0;
  };
  while (!c.finished() && written < limit) {
    if (c.stage == 0) {
      if (c.index >= p.new_households.size()) { next_stage(); continue; }
      // New households go in batches, up to the chunk's remaining size in persons: a few
      // multi-row statements instead of fifteen per household (bulk.hpp).
      std::vector<HouseholdRecord*> households;
      size_t persons = 0;
      const size_t from = c.index;
      while (c.index < p.new_households.size() && (households.empty() || written + persons < limit)) {
        auto& nh = p.new_households[c.index++];
        households.push_back(&nh.household);
        persons += std::max<size_t>(1, nh.persons.size());
      }
      InsertHouseholds(sql, households, now);
      std::vector<PersonRecord*> members;
      for (size_t i = from; i < c.index; ++i)
        for (auto& person : p.new_households[i].persons) {
          person.household_id = p.new_households[i].household.id;
          members.push_back(&person);
        }
      InsertPersons(sql, members, now);
      std::vector<std::pair<int64_t, int64_t>> heads;
      std::vector<HistoryEntry> history;
      const int64_t tenant = households.front()->tenant_id;
      auto entry = [&](const char* entity, int64_t id, int64_t household, const json& after) {
        HistoryEntry e;
        e.entity = entity;
        e.entity_id = id;
        e.household_id = household;
        e.kind = std::string(entity) == "household" ? "create" : "add_member";
        e.after_json = after.dump();
        e.note = "导入";
        e.changed_at = now;
        history.push_back(std::move(e));
      };
      for (size_t i = from; i < c.index; ++i) {
        const auto& h = p.new_households[i].household;
        entry("household", h.id, h.id, HouseholdAuditJson(h));
        for (const auto& person : p.new_households[i].persons) {
          if (person.relation == kHead) heads.emplace_back(h.id, person.id);
          entry("person", person.id, h.id, PersonAuditJson(person));
        }
      }
      SetHeads(sql, tenant, heads);
      AddHistoryRows(sql, tenant, history, user_id);
      tick(persons);
    } else if (c.stage == 1) {
      if (c.index >= p.household_updates.size()) { next_stage(); continue; }
      auto& [before, after] = p.household_updates[c.index++];
      if (!UpdateHousehold(sql, after, before.version, now)) throw std::runtime_error("household changed during import");
      auto [b, a] = HouseholdDiff(before, after);
      add_history(after.tenant_id, "household", after.id, after.id, b.contains("status") ? "status" : "update", b, a);
      tick();
    } else if (c.stage == 2) {
      if (c.index >= p.new_members.size()) { next_stage(); continue; }
      auto& person = p.new_members[c.index++];
      person.id = InsertPerson(sql, person, now);
      add_history(person.tenant_id, "person", person.id, person.household_id, "add_member", nullptr, PersonAuditJson(person));
      tick();
    } else {
      if (c.index >= p.person_updates.size()) { next_stage(); continue; }
      auto& [before, after] = p.person_updates[c.index++];
      if (!UpdatePerson(sql, after, before.version, now)) throw std::runtime_error("person changed during import");
      auto [b, a] = PersonDiff(before, after);
      add_history(after.tenant_id, "person", after.id, after.household_id, "update", b, a);
      tick();
    }
  }
}

}  // namespace

void RegisterImportRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/registry/import/template",
              .permission = "health:registry:import",
              .handler = [](Request&) -> Response {
                platform::xport::Sheet sheet;
                sheet.name = "建档立卡名单";
                for (const auto& c : ImportColumns()) sheet.headers.push_back(c.title);
                sheet.rows.push_back({"东林村", "200001", "张德明", "500225196503120031", "户主", "13812345678", "因病",
                                      "脱贫", "2019-12-20", "高血压", "", "12500.00", "2015-06-15", ""});
                sheet.rows.push_back({"", "200001", "李秀英", "", "妻", "", "", "", "", "", "肢体三级", "", "", ""});
                auto bytes = platform::xport::WriteXlsx({sheet});
                if (!bytes.ok()) return http::Problem(bytes.errors());
                Response res;
                res.content_type = platform::xport::kXlsxContentType;
                res.body = std::move(bytes.value());
                res.headers.push_back({"Content-Disposition", platform::xport::AttachmentHeader(
                                                                  "建档立卡导入模板.xlsx", "registry-template.xlsx")});
                return res;
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/registry/import/preview",
              .permission = "health:registry:import",
              .max_body_bytes = kMaxFileBytes,
              .handler = [&s](Request& req) -> Response {
                if (req.body.empty()) return http::Problem({Invalid("file", "请选择要导入的文件")});
                auto plan = s.db.Read([&](soci::session& sql) { return MakePlan(sql, req, s.cipher, req.body); });
                if (!plan.ok()) return http::Problem(plan.errors());
                return JsonResponse(200, Summary(plan.value()));
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/registry/import",
              .permission = "health:registry:import",
              .audit_action = "import",
              .record_type = "household",
              .max_body_bytes = kMaxFileBytes,
              .handler = [&s](Request& req) -> Response {
                if (req.body.empty()) return http::Problem({Invalid("file", "请选择要导入的文件")});
                if (!s.jobs) return http::Problem(503, "导入服务未启动");
                const bool valid_only = req.Query("valid_only") == "1";
                // The job outlives the request: it keeps a copy of what planning needs.
                auto copy = std::make_shared<Request>(req);
                copy->body.clear();
                const int64_t user_id = req.who().user_id;
                std::string id = s.jobs->Start(
                    "health.registry.import", req.who().tenant_id, user_id,
                    [&s, copy, user_id, valid_only, bytes = req.body](platform::jobs::Progress& progress) -> Result<json> {
                      // Planned on a snapshot (no write lock), checked again row by row by the
                      // versions the updates carry.
                      auto plan = s.db.Read([&](soci::session& sql) { return MakePlan(sql, *copy, s.cipher, bytes); });
                      if (!plan.ok()) return plan.errors();
                      Plan& p = plan.value();
                      progress.Set(10);
                      if (!p.errors.empty() && !valid_only) return progress.Fail(ErrorRows(p.errors));
                      constexpr size_t kChunk = 2000;
                      Cursor cursor;
                      while (!cursor.finished()) {
                        if (progress.cancelled()) return Error{ErrorCode::kInternal, "服务停止，导入中断；重新导入即可补全", "file"};
                        // The cursor moves only once its chunk committed (a busy database may
                        // run the transaction again).
                        Cursor next;
                        auto w = s.db.Write([&](soci::session& sql) -> Result<Unit> {
                          next = cursor;
                          Apply(sql, p, user_id, &progress, next, kChunk);
                          // Thousands of households at once: the coverage summary is built
                          // again on its next read rather than judged household by household.
                          health::outreach::InvalidateCoverage(sql, copy->who().tenant_id);
                          return Unit{};
                        });
                        if (!w.ok()) return w.errors();
                        cursor = next;
                      }
                      // The registry may have grown a hundredfold: the next lookups (a re-import,
                      // the lists) need the planner to know.
                      // Only the planner's estimates: the import has committed either way.
                      (void)s.db.Write([&](soci::session& sql) -> Result<Unit> {
                        AnalyzeRegistry(sql);
                        return Unit{};
                      });
                      json summary = Summary(p);
                      summary["skipped_rows"] = summary["rows"].get<int>() - summary["valid_rows"].get<int>();
                      return s.db.Write([&](soci::session& sql) -> Result<json> {
                        auto ev = audit::EventFor(*copy, "import", "household", "");
                        ev.after = summary;
                        ev.after.erase("errors");
                        ev.after["valid_only"] = valid_only;
                        audit::Append(sql, ev);
                        return summary;
                      });
                    });
                return JsonResponse(202, {{"job_id", id}});
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/registry/persons/export",
              .permission = "health:registry:export",
              .handler = [&s](Request& req) -> Response {
                const bool full = req.Query("full") == "1";
                if (full && !req.who().Has("health:registry:pii"))
                  return http::Problem({Error{ErrorCode::kForbidden, "没有查看完整身份证号、电话和住址的权限", "full"}});
                PersonFilter f;
                for (const char* level : {"county", "town", "village"})
                  if (!req.Query(level).empty()) f.division = req.Query(level);
                if (f.division.find_first_not_of("0123456789") != std::string::npos)
                  return http::Problem({Invalid("village", "区划代码应为数字")});
                f.q = req.Query("q");
                f.has_chronic = req.Query("has_chronic") == "1";
                f.has_disability = req.Query("has_disability") == "1";
                auto r = s.db.Write([&](soci::session& sql) -> Result<platform::xport::Sheet> {
                  const auto villages = CallerVillages(sql, req);
                  if (CountPersons(sql, req.who().scope, villages, f) > kMaxExportRows)
                    return Invalid("village", "导出行数超过 200000，请缩小范围");
                  platform::xport::Sheet sheet;
                  sheet.name = "建档立卡人员";
                  sheet.title = req.who().tenant_name + "建档立卡人员名单（" + TodayShanghai() + "）";
                  sheet.headers = {"序号", "村", "户编号", "户主", "姓名", "性别", "出生日期", "身份证号", "与户主关系",
                                   "联系电话", "慢性病", "残疾"};
                  int64_t n = 0;
                  for (const auto& p : ListPersons(sql, req.who().scope, villages, f, 0, kMaxExportRows)) {
                    std::string id = p.id_mask, phone = p.phone_mask;
                    if (full) {
                      auto plain = s.cipher.Decrypt(p.id_enc, PersonIdNumberAd(p.tenant_id));
                      if (!plain.ok()) return plain.errors();
                      id = plain.value();
                      if (!p.phone_enc.empty()) {
                        auto ph = s.cipher.Decrypt(p.phone_enc, PersonPhoneAd(p.tenant_id));
                        if (!ph.ok()) return ph.errors();
                        phone = ph.value();
                      }
                    }
                    sheet.rows.push_back({std::to_string(++n), p.village_name, p.household_number, p.head_name, p.name,
                                          p.sex, p.birth_date, id, p.relation, phone, p.chronic, p.disability});
                  }
                  // An export with full personal data is a read of every row in it.
                  if (full) {
                    auto ev = audit::EventFor(req, "export_pii", "person", "");
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
                res.headers.push_back({"Content-Disposition",
                                       platform::xport::AttachmentHeader("建档立卡人员-" + TodayShanghai() + ".xlsx",
                                                                         "registry-persons-" + TodayShanghai() + ".xlsx")});
                return res;
              }});
}

}  // namespace qizhi::health::registry
