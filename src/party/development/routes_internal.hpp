// What the member-development route files share. Internal to src/party/development.
#pragma once
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::development {

// POST/PUT …/records (record_routes.cpp).
void RegisterRecordRoutes(platform::http::Router& router, platform::Services& s);
// The office's lists: violations, due, the step catalogue (office_routes.cpp).
void RegisterOfficeRoutes(platform::http::Router& router, platform::Services& s);

// The explicit duplicate check runs first; two requests at once can still both pass it, and the
// unique index then refuses the second: the same 409, not a 500.
template <typename F>
auto WriteOrDuplicate(platform::db::Database& db, F&& fn) -> decltype(db.Write(fn)) {
  return platform::db::WriteOrConflict(db, fn, [](const std::string&) {
    return Error{ErrorCode::kConflict, "已有相同身份证号的记录", "id_number"};
  });
}

}  // namespace qizhi::party::development
