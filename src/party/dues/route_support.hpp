// What the dues route files share: JSON of the records, the member a write names. Internal to
// src/party/dues.
#pragma once
#include <nlohmann/json.hpp>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "party/dues/arrears.hpp"
#include "party/dues/filter_params.hpp"
#include "party/dues/store.hpp"
#include "platform/http/request.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::dues {

void RegisterPaymentRoutes(platform::http::Router& router, platform::Services& s);
void RegisterReportRoutes(platform::http::Router& router, platform::Services& s);

Error MemberNotFound();
// The member named by body field `field` for a write: outside the write scope but in the
// hospital → 403 naming the field; unknown (or another hospital's) → 400 naming it; left → 400.
Result<DuesMember> WritableMember(soci::session& sql, const Scope& scope, const nlohmann::json& body,
                                  const std::string& field);
// "YYYY-MM" of today in Asia/Shanghai.
std::string ThisMonth();

nlohmann::json MemberJson(const DuesMember& m);
nlohmann::json BaseJson(const BaseRecord& b);
nlohmann::json MonthRowJson(const MonthRow& r);
nlohmann::json PaymentJson(const PaymentRecord& p);
nlohmann::json LineJson(const PaymentLine& l);



}  // namespace qizhi::party::dues
