// /api/v1/meetings/{id}/attachments: files kept with a meeting — upload (the raw file as the
// body, its name in ?name=; checked by CheckAttachment: ≤ 10 MiB, pdf/docx/xlsx/jpg/png by magic
// bytes), the list, and the download. Only a meeting in the caller's scope (404 otherwise); a
// cancelled meeting takes no new file (409). Files are never deleted; an upload is audited.
#include "party/life/attachment.hpp"
#include "party/life/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/text.hpp"
#include "platform/export/xlsx.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::life {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;

Error MeetingNotFound();

namespace {

nlohmann::json AttachmentJson(const Attachment& a) {
  return {{"id", a.id},
          {"meeting_id", a.meeting_id},
          {"name", a.name},
          {"kind", a.kind},
          {"content_type", a.content_type},
          {"size", a.size_bytes},
          {"created_at", a.created_at},
          {"url", "/api/v1/meetings/" + std::to_string(a.meeting_id) + "/attachments/" + std::to_string(a.id)}};
}

Error AttachmentNotFound() { return Error{ErrorCode::kNotFound, "附件不存在", "attachment_id"}; }

}  // namespace

void RegisterAttachmentRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "POST",
              .pattern = "/api/v1/meetings/{id}/attachments",
              .permission = "party:life:edit",
              .audit_action = "attach",
              .record_type = "meeting",
              // A little above the limit, so a file just over it gets the clear 400 of CheckAttachment.
              .max_body_bytes = static_cast<int64_t>(kMaxAttachmentBytes) + 1024,
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
                  auto m = FindMeeting(sql, WriteScope(req.who().scope), id);
                  if (!m) return MeetingNotFound();
                  if (m->state != "active") return Error{ErrorCode::kConflict, "该会议记录已取消，不能再添加附件", "id"};
                  auto kind = CheckAttachment(req.Query("name"), req.body);
                  if (!kind.ok()) return kind.errors();
                  Attachment a;
                  a.meeting_id = id;
                  a.name = Trim(req.Query("name"));
                  a.kind = kind.value().kind;
                  a.content_type = kind.value().content_type;
                  a.bytes = req.body;
                  a.id = InsertAttachment(sql, m->tenant_id, a, req.who().user_id);
                  auto ev = audit::EventFor(req, "attach", "meeting", std::to_string(id));
                  ev.after = {{"attachment_id", a.id}, {"name", a.name}, {"kind", a.kind}, {"size", a.bytes.size()}};
                  audit::Append(sql, ev);
                  for (auto& stored : AttachmentsOf(sql, m->tenant_id, id))
                    if (stored.id == a.id) return AttachmentJson(stored);
                  return Error{ErrorCode::kInternal, "附件保存失败", ""};
                });
                return http::JsonOrProblem(r, 201);
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/meetings/{id}/attachments",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto m = FindMeeting(sql, req.who().scope, id);
                  if (!m) return http::Problem({MeetingNotFound()});
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& a : AttachmentsOf(sql, m->tenant_id, id)) items.push_back(AttachmentJson(a));
                  const auto total = static_cast<int64_t>(items.size());
                  return JsonResponse(200, {{"items", items}, {"total", total}});
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/meetings/{id}/attachments/{attachment_id}",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const int64_t attachment_id = req.IdParam("attachment_id");
                auto a = s.db.Read([&](soci::session& sql) -> Result<Attachment> {
                  auto m = FindMeeting(sql, req.who().scope, id);
                  if (!m) return MeetingNotFound();
                  auto found = FindAttachment(sql, m->tenant_id, id, attachment_id);
                  if (!found) return AttachmentNotFound();
                  return *found;
                });
                if (!a.ok()) return http::Problem(a.errors());
                Response res;
                res.content_type = a.value().content_type;
                res.body = std::move(a.value().bytes);
                res.headers.push_back({"Content-Disposition", platform::xport::AttachmentHeader(
                                                                  a.value().name, "attachment." + a.value().kind)});
                return res;
              }});
}

}  // namespace qizhi::party::life
