#include "party/life/meeting_body.hpp"

#include <algorithm>

#include "platform/core/text.hpp"
#include "platform/http/request.hpp"

namespace qizhi::party::life {
using platform::http::JsonText;

namespace {
std::vector<long long> IdList(const nlohmann::json& body, const char* name, const char* message, Errors& errors) {
  std::vector<long long> out;
  if (!body.contains(name) || body[name].is_null()) return out;
  const auto& v = body[name];
  if (!v.is_array() || std::any_of(v.begin(), v.end(), [](const auto& x) { return !x.is_number_integer(); })) {
    errors.push_back(Invalid(name, message));
    return out;
  }
  for (const auto& x : v) out.push_back(x.get<long long>());
  return out;
}
}  // namespace

MeetingBody BodyFromJson(const nlohmann::json& body, Errors& errors) {
  MeetingBody b;
  b.input.type = JsonText(body, "type", errors);
  b.input.date = JsonText(body, "date", errors);
  b.input.start_time = JsonText(body, "start_time", errors);
  b.input.place = Trim(JsonText(body, "place", errors));
  b.input.topic = Trim(JsonText(body, "topic", errors));
  b.input.presenter = Trim(JsonText(body, "presenter", errors));
  b.input.recorder = Trim(JsonText(body, "recorder", errors));
  b.input.minutes = JsonText(body, "minutes", errors);
  b.input.decisions = JsonText(body, "decisions", errors);
  b.lecturer_level = JsonText(body, "lecturer_level", errors);
  b.campaign = Trim(JsonText(body, "campaign", errors));
  b.should_reason = Trim(JsonText(body, "should_reason", errors));
  if (body.contains("has_votes") && !body["has_votes"].is_null()) {
    if (!body["has_votes"].is_boolean()) errors.push_back(Invalid("has_votes", "是否有表决事项应为是或否"));
    else b.has_votes = body["has_votes"].get<bool>();
  }
  if (body.contains("should") && !body["should"].is_null())
    b.should = IdList(body, "should", "应到人员应为党员编号列表", errors);
  if (body.contains("plan_id") && !body["plan_id"].is_null()) {
    if (!body["plan_id"].is_number_integer()) errors.push_back(Invalid("plan_id", "会议计划应为计划编号"));
    else b.plan_id = body["plan_id"].get<long long>();
  }
  b.came = IdList(body, "came", "实到人员应为党员编号列表", errors);
  if (body.contains("absent") && !body["absent"].is_null()) {
    const auto& a = body["absent"];
    bool ok = a.is_array();
    if (ok) {
      for (const auto& x : a) {
        if (!x.is_object() || !x.contains("member_id") || !x["member_id"].is_number_integer() ||
            (x.contains("reason") && !x["reason"].is_string() && !x["reason"].is_null()) ||
            (x.contains("note") && !x["note"].is_string() && !x["note"].is_null())) {
          ok = false;
          break;
        }
        Absence ab;
        ab.member_id = x["member_id"].get<int64_t>();
        if (x.contains("reason") && x["reason"].is_string()) ab.reason = x["reason"].get<std::string>();
        if (x.contains("note") && x["note"].is_string()) ab.note = Trim(x["note"].get<std::string>());
        b.absent.push_back(std::move(ab));
      }
    }
    if (!ok) {
      b.absent.clear();
      errors.push_back(Invalid("absent", "缺席人员应为 {member_id, reason, note} 的列表"));
    }
  }
  return b;
}

}  // namespace qizhi::party::life
