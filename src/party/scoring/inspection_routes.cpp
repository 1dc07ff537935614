// /api/v1/scoring/inspections: inspections of a branch against a checklist version, a score and a
// note per item, by the inspecting user. A correction is a new inspection naming the one it
// corrects (which becomes superseded); a mistaken one is voided with a reason. Nothing is deleted.
#include "party/org/overview.hpp"
#include "party/scoring/filter_params.hpp"
#include "party/scoring/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::scoring {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

Error NotFound() { return Error{ErrorCode::kNotFound, "检查记录不存在", "id"}; }

nlohmann::json InspectionJson(const InspectionRecord& i) {
  nlohmann::json j = {{"id", i.id},
                      {"tenant_id", i.tenant_id},
                      {"unit_id", i.unit_id},
                      {"unit_name", i.unit_name},
                      {"checklist_id", i.checklist_id},
                      {"checklist_code", i.checklist_code},
                      {"checklist_title", i.checklist_title},
                      {"checklist_version", i.checklist_version},
                      {"date", i.inspected_on},
                      {"inspector_id", i.inspector_id},
                      {"inspector_name", i.inspector_name},
                      {"total", i.total},
                      {"max_total", i.max_total},
                      {"note", http::TextOrNull(i.note)},
                      {"state", i.state},
                      {"corrects_id", http::ValueOrNull(i.corrects_id)},
                      {"superseded_by", http::ValueOrNull(i.superseded_by)},
                      {"void_reason", http::TextOrNull(i.void_reason)},
                      {"created_at", i.created_at}};
  if (!i.items.empty()) {
    j["items"] = nlohmann::json::array();
    for (const auto& it : i.items)
      j["items"].push_back({{"code", it.code}, {"title", it.title}, {"max_score", it.max_score}, {"score", it.score},
                            {"note", http::TextOrNull(it.note)}});
  }
  return j;
}

std::vector<ItemScore> ScoresFromJson(const nlohmann::json& body, Errors& errors) {
  std::vector<ItemScore> out;
  if (!body.contains("scores") || !body["scores"].is_array()) {
    errors.push_back(Invalid("scores", "请逐项评分"));
    return out;
  }
  for (size_t i = 0; i < body["scores"].size(); ++i) {
    const auto& j = body["scores"][i];
    const std::string at = "scores[" + std::to_string(i) + "].";
    if (!j.is_object()) {
      errors.push_back(Invalid(at + "code", "评分格式无效"));
      continue;
    }
    ItemScore s;
    Errors local;
    s.code = http::JsonText(j, "code", local);
    s.note = Trim(http::JsonText(j, "note", local));
    for (auto& e : local) e.field = at + e.field;
    errors.insert(errors.end(), local.begin(), local.end());
    if (j.contains("score") && j["score"].is_number_integer()) s.score = j["score"].get<int>();
    else errors.push_back(Invalid(at + "score", "得分应为整数"));
    out.push_back(s);
  }
  return out;
}

}  // namespace

void RegisterInspectionRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/scoring/inspections",
              .permission = "party:scoring:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"date", "unit", "total"}, "-date");
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto f = ParseInspectionFilter(sql, req.who().scope, req.query);
                  if (!f.ok()) return http::Problem(f.errors());
                  const int64_t total = CountInspections(sql, req.who().scope, f.value());
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& i : ListInspections(sql, req.who().scope, f.value(), p.sort_field, p.sort_desc,
                                                       p.Offset(), p.size))
                    items.push_back(InspectionJson(i));
                  return JsonResponse(200, http::ListBody(items, total, p));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/scoring/inspections/{id}",
              .permission = "party:scoring:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto i = FindInspection(sql, req.who().scope, id);
                  if (!i) return http::Problem({NotFound()});
                  return JsonResponse(200, InspectionJson(*i));
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/scoring/inspections",
              .permission = "party:scoring:edit",
              .audit_action = "create",
              .record_type = "score_inspection",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                const std::string date = http::JsonText(body, "date", errors);
                const std::string note = Trim(http::JsonText(body, "note", errors));
                if (date.empty()) errors.push_back(Invalid("date", "请填写检查日期"));
                else if (!ParseDate(date)) errors.push_back(Invalid("date", "检查日期格式应为 YYYY-MM-DD"));
                else if (*ParseDate(date) > TodayDate()) errors.push_back(Invalid("date", "检查日期不能晚于今天"));
                if (Utf8Length(note) > 500) errors.push_back(Invalid("note", "检查说明不能超过 500 字"));
                const auto scores = ScoresFromJson(body, errors);
                std::optional<int64_t> corrects;
                if (body.contains("corrects_id") && !body["corrects_id"].is_null()) {
                  if (body["corrects_id"].is_number_integer()) corrects = body["corrects_id"].get<int64_t>();
                  else errors.push_back(Invalid("corrects_id", "被更正的检查记录无效"));
                }
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  const Scope write = WriteScope(req.who().scope);
                  if (!body.contains("unit_id") || !body["unit_id"].is_number_integer())
                    errors.push_back(Invalid("unit_id", "请选择被检查的党支部"));
                  std::optional<org::Unit> unit;
                  if (body.contains("unit_id") && body["unit_id"].is_number_integer()) {
                    auto u = org::WritableUnit(sql, write, body["unit_id"].get<int64_t>(), "unit_id", "被检查的党支部");
                    if (!u.ok() && u.error().code != ErrorCode::kInvalid) return u.errors();
                    if (!u.ok()) errors.push_back(u.error());
                    else if (u.value().kind != org::kBranch) errors.push_back(Invalid("unit_id", "只能检查党支部"));
                    else unit = u.value();
                  }
                  std::optional<ChecklistRecord> list;
                  if (!body.contains("checklist_id") || !body["checklist_id"].is_number_integer()) {
                    errors.push_back(Invalid("checklist_id", "请选择检查表"));
                  } else {
                    list = FindChecklist(sql, WholeTenant(write.home_tenant), body["checklist_id"].get<int64_t>());
                    if (!list) errors.push_back(Invalid("checklist_id", "检查表不存在"));
                    else if (list->superseded_at) errors.push_back(Invalid("checklist_id", "该检查表已有新版本，请使用当前版本"));
                  }
                  if (list && errors.empty()) {
                    auto v = ValidateScores(list->list, scores);
                    if (!v.ok()) errors = v.errors();
                  }
                  std::optional<InspectionRecord> before;
                  if (corrects) {
                    before = FindInspection(sql, write, *corrects);
                    if (!before) errors.push_back(Invalid("corrects_id", "被更正的检查记录不存在"));
                    else if (before->state != "active") errors.push_back(Invalid("corrects_id", "被更正的检查记录已作废或已被更正"));
                    else if (unit && before->unit_id != unit->id) errors.push_back(Invalid("corrects_id", "更正记录应与原记录为同一党支部"));
                  }
                  if (!errors.empty()) return errors;
                  InspectionRecord rec;
                  rec.tenant_id = unit->tenant_id;
                  rec.unit_id = unit->id;
                  rec.unit_path = unit->path;
                  rec.checklist_id = list->id;
                  rec.inspected_on = date;
                  rec.inspector_id = req.who().user_id;
                  rec.inspector_name = req.who().name;
                  rec.total = TotalOf(scores);
                  rec.max_total = MaxTotal(list->list);
                  rec.note = note;
                  rec.corrects_id = corrects;
                  // Stored in the checklist's order, with the item's title and maximum as scored.
                  for (const auto& item : list->list.items)
                    for (const auto& sc : scores)
                      if (sc.code == item.code) rec.items.push_back({item.code, item.title, item.max_score, sc.score, sc.note});
                  rec.id = InsertInspection(sql, rec);
                  if (before && !SupersedeInspection(sql, rec.tenant_id, before->id, rec.id))
                    return Error{ErrorCode::kConflict, "被更正的检查记录已被他人修改，请刷新后重试", "corrects_id"};
                  auto stored = FindInspection(sql, write, rec.id);
                  auto ev = audit::EventFor(req, "create", "score_inspection", std::to_string(rec.id));
                  ev.after = InspectionJson(*stored);
                  if (before) ev.before = {{"corrects", before->id}, {"total", before->total}};
                  audit::Append(sql, ev);
                  return InspectionJson(*stored);
                });
                return http::JsonOrProblem(r, 201);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/scoring/inspections/{id}/void",
              .permission = "party:scoring:edit",
              .audit_action = "void",
              .record_type = "score_inspection",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const auto body = req.Json();
                Errors errors;
                const std::string reason = Trim(http::JsonText(body, "reason", errors));
                if (reason.empty()) errors.push_back(Invalid("reason", "请填写作废原因"));
                else if (Utf8Length(reason) > 200) errors.push_back(Invalid("reason", "作废原因不能超过 200 字"));
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  const Scope write = WriteScope(req.who().scope);
                  auto before = FindInspection(sql, write, id);
                  if (!before) return NotFound();
                  if (before->state != "active") return Error{ErrorCode::kConflict, "该检查记录已作废或已被更正", "id"};
                  if (!errors.empty()) return errors;
                  if (!VoidInspection(sql, before->tenant_id, id, reason))
                    return Error{ErrorCode::kConflict, "该检查记录已被他人修改，请刷新后重试", "id"};
                  auto ev = audit::EventFor(req, "void", "score_inspection", std::to_string(id));
                  ev.before = {{"state", before->state}, {"total", before->total}};
                  ev.after = {{"state", "void"}, {"void_reason", reason}};
                  audit::Append(sql, ev);
                  return InspectionJson(*FindInspection(sql, write, id));
                });
                return http::JsonOrProblem(r);
              }});
}

}  // namespace qizhi::party::scoring
