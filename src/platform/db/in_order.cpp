#include "platform/db/in_order.hpp"

namespace qizhi::platform::db {

InOrder::InOrder(soci::session& sql) : dollar_(sql.get_backend_name() == "postgresql") {}

std::string InOrder::operator()(int64_t v) {
  values_.set(static_cast<long long>(v));
  return Next();
}

std::string InOrder::operator()(const std::string& v) {
  values_.set(v);
  return Next();
}

std::vector<Row> InOrder::Fetch(soci::session& sql, const std::string& text) {
  std::vector<Row> rows;
  soci::rowset<soci::row> rs = (sql.prepare << text, soci::use(values_));
  for (const auto& r : rs) rows.emplace_back(r);
  return rows;
}

void InOrder::Exec(soci::session& sql, const std::string& text) { sql << text, soci::use(values_); }

std::string InOrder::Next() {
  ++n_;
  return dollar_ ? "$" + std::to_string(n_) : "?";
}

}  // namespace qizhi::platform::db
