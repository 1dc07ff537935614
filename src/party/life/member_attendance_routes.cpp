// /api/v1/members/{id}/attendance: a member's record of organisational life — the meetings the
// member should have attended (current attendance lines of active meetings), came or absent
// with the reason, and the attendance rate. The member must be in the caller's scope (404
// otherwise, as the members routes answer); the meetings are the member's own, so a branch left
// behind still shows.
#include "party/life/store.hpp"
#include "party/members/store.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::life {
namespace http = platform::http;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

// As the members routes say it: a member outside the scope is not there.
Error MemberNotFound() { return Error{ErrorCode::kNotFound, "党员不存在或不在您的管理范围内", "id"}; }

// from and to: optional dates, from ≤ to. Each bad value names its parameter.
Status CheckRange(const std::string& from, const std::string& to) {
  Errors errors;
  const auto f = from.empty() ? std::nullopt : ParseDate(from);
  const auto t = to.empty() ? std::nullopt : ParseDate(to);
  if (!from.empty() && !f) errors.push_back(Invalid("from", "日期格式应为 YYYY-MM-DD"));
  if (!to.empty() && !t) errors.push_back(Invalid("to", "日期格式应为 YYYY-MM-DD"));
  if (f && t && *t < *f) errors.push_back(Invalid("to", "结束日期不能早于开始日期"));
  if (errors.empty()) return Ok();
  return errors;
}

}  // namespace

void RegisterMemberAttendanceRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/members/{id}/attendance",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const std::string from = req.Query("from");
                const std::string to = req.Query("to");
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto m = members::FindMember(sql, req.who().scope, id);
                  if (!m) return http::Problem({MemberNotFound()});
                  auto range = CheckRange(from, to);
                  if (!range.ok()) return http::Problem(range.errors());
                  nlohmann::json items = nlohmann::json::array();
                  int came = 0;
                  for (const auto& a : MeetingsOfMember(sql, m->tenant_id, id, from, to)) {
                    if (a.came) ++came;
                    items.push_back({{"meeting_id", a.meeting_id},
                                     {"date", a.held_on},
                                     {"start_time", a.start_time},
                                     {"unit_name", a.unit_name},
                                     {"type", a.type},
                                     {"type_title", MeetingTypeTitle(a.type)},
                                     {"topic", a.topic},
                                     {"came", a.came},
                                     {"absence_reason", http::TextOrNull(a.absence_reason)},
                                     {"absence_note", http::TextOrNull(a.absence_note)}});
                  }
                  const int should = static_cast<int>(items.size());
                  const auto rate = AttendanceRate(should, came);
                  return JsonResponse(200, {{"member_id", id},
                                            {"name", m->name},
                                            {"from", http::TextOrNull(from)},
                                            {"to", http::TextOrNull(to)},
                                            {"items", items},
                                            {"total", should},
                                            {"should", should},
                                            {"came", came},
                                            {"absent", should - came},
                                            {"rate", http::ValueOrNull(rate)},
                                            {"rate_text", rate ? FormatPerMille(*rate) : "—"}});
                });
              }});
}

}  // namespace qizhi::party::life
