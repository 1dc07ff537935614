// /api/v1/service-items: each household's personalised service plan (个性化服务方案) — the items
// of a household, adding one, changing its status (with the version read; 已完成 and 取消 are
// final) and the history of those changes. Limited to the caller's hospital and villages.
#include "health/outreach/route_support.hpp"
#include "health/outreach/service_item_store.hpp"
#include "health/outreach/visit.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/text.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::health::outreach {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;
using http::TextOrNull;

nlohmann::json ServiceItemJson(const ServiceItem& s) {
  return {{"id", s.id},
          {"household_id", s.household_id},
          {"village_code", s.village_code},
          {"item", s.item},
          {"owner", s.owner},
          {"due_on", TextOrNull(s.due_on)},
          {"status", s.status},
          {"note", TextOrNull(s.note)},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at},
          {"version", s.version}};
}

namespace {

Error ItemNotFound() { return Error{ErrorCode::kNotFound, "服务事项不存在", "id"}; }

}  // namespace

void RegisterServiceItemRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/service-items",
              .permission = "health:visit:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"id"}, "id");
                Errors errors;
                const auto household = IdQuery(req, "household", errors);
                if (!household && errors.empty()) errors.push_back(Invalid("household", "请指定建档立卡户 household"));
                const std::string status = req.Query("status");
                if (!status.empty() && status != "open" && !IsServiceItemStatus(status))
                  errors.push_back(Invalid("status", "状态应为 open、未开始、进行中、已完成或取消"));
                if (!errors.empty()) return http::Problem(errors);
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto h = FindHousehold(sql, req.who().scope, CallerVillages(sql, req), *household);
                  if (!h) return http::Problem({Error{ErrorCode::kNotFound, "建档立卡户不存在", "household"}});
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& item : ItemsOfHousehold(sql, h->tenant_id, h->id, status == "open"))
                    if (status.empty() || status == "open" || item.status == status) items.push_back(ServiceItemJson(item));
                  return JsonResponse(200, http::PageInMemory(items, p));
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/service-items",
              .permission = "health:visit:edit",
              .audit_action = "create",
              .record_type = "service_item",
              .handler = [&s](Request& req) -> Response {
                const auto body = req.Json();
                Errors errors;
                ServiceItemInput in;
                in.item = Trim(http::JsonText(body, "item", errors));
                in.owner = Trim(http::JsonText(body, "owner", errors));
                in.due_on = Trim(http::JsonText(body, "due_on", errors));
                in.note = Trim(http::JsonText(body, "note", errors));
                int64_t household = 0;
                if (!body.contains("household_id") || !body["household_id"].is_number_integer())
                  errors.push_back(Invalid("household_id", "请选择建档立卡户"));
                else household = body["household_id"].get<int64_t>();
                auto v = ValidateServiceItem(in);
                if (!v.ok()) errors.insert(errors.end(), v.errors().begin(), v.errors().end());
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  if (household > 0) {
                    auto h = HouseholdForWrite(sql, req, CallerVillages(sql, req), household, "household_id");
                    if (!h.ok()) return h.errors();
                    if (!errors.empty()) return errors;
                    ServiceItem item;
                    item.tenant_id = h.value().tenant_id;
                    item.household_id = h.value().id;
                    item.village_code = h.value().village_code;
                    item.item = in.item;
                    item.owner = in.owner;
                    item.due_on = in.due_on;
                    item.note = in.note;
                    item.id = InsertItem(sql, item, req.who().user_id);
                    AddItemChange(sql, item.tenant_id, item.id, "", "未开始", "新增", std::nullopt, req.who().user_id);
                    auto ev = audit::EventFor(req, "create", "service_item", std::to_string(item.id));
                    ev.after = {{"household_id", item.household_id}, {"item", item.item}, {"owner", item.owner}, {"due_on", item.due_on}};
                    audit::Append(sql, ev);
                    return ServiceItemJson(*FindItem(sql, WriteScope(req.who().scope), registry::VillageScope{}, item.id));
                  }
                  return errors;
                });
                return http::JsonOrProblem(r, 201);
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/service-items/{id}/status",
              .permission = "health:visit:edit",
              .audit_action = "status",
              .record_type = "service_item",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const auto body = req.Json();
                Errors errors;
                const std::string status = Trim(http::JsonText(body, "status", errors));
                const std::string note = Trim(http::JsonText(body, "note", errors));
                if (Utf8Length(note) > 200) errors.push_back(Invalid("note", "备注不能超过 200 字"));
                const int64_t version = http::JsonVersion(body, errors);
                std::optional<int64_t> visit;
                if (body.contains("visit_id") && !body["visit_id"].is_null()) {
                  if (body["visit_id"].is_number_integer()) visit = body["visit_id"].get<int64_t>();
                  else errors.push_back(Invalid("visit_id", "走访记录编号应为整数"));
                }
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto item = FindItem(sql, WriteScope(req.who().scope), CallerVillages(sql, req), id);
                  if (!item) return ItemNotFound();
                  auto change = CheckStatusChange(item->status, status);
                  if (!change.ok() && change.error().code == ErrorCode::kConflict) return change.errors();
                  if (!change.ok()) errors.insert(errors.end(), change.errors().begin(), change.errors().end());
                  if (!errors.empty()) return errors;
                  if (!SetItemStatus(sql, item->tenant_id, id, status, note, version))
                    return Error{ErrorCode::kConflict, "服务事项已被他人修改，请刷新后重试", "version"};
                  AddItemChange(sql, item->tenant_id, id, item->status, status, note, visit, req.who().user_id);
                  auto ev = audit::EventFor(req, "status", "service_item", std::to_string(id));
                  ev.before = {{"status", item->status}};
                  ev.after = {{"status", status}, {"note", note}};
                  audit::Append(sql, ev);
                  return ServiceItemJson(*FindItem(sql, WriteScope(req.who().scope), registry::VillageScope{}, id));
                });
                return http::JsonOrProblem(r);
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/service-items/{id}/history",
              .permission = "health:visit:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto item = FindItem(sql, req.who().scope, CallerVillages(sql, req), id);
                  if (!item) return http::Problem({ItemNotFound()});
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& c : ChangesOf(sql, item->tenant_id, id))
                    items.push_back({{"from_status", TextOrNull(c.from_status)},
                                     {"to_status", c.to_status},
                                     {"note", TextOrNull(c.note)},
                                     {"visit_id", http::ValueOrNull(c.visit_id)},
                                     {"changed_at", c.changed_at},
                                     {"changed_by", TextOrNull(c.changed_by_name)}});
                  const auto total = static_cast<int64_t>(items.size());
                  return JsonResponse(200, {{"item", ServiceItemJson(*item)}, {"items", items}, {"total", total}});
                });
              }});
}

}  // namespace qizhi::health::outreach
