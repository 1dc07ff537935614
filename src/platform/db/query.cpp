#include "platform/db/query.hpp"

#include <charconv>

#include <stdexcept>

namespace qizhi::platform::db {

std::string Query::Bind(int64_t v) {
  std::string name = "p" + std::to_string(++next_);
  Set(name, v);
  return ":" + name;
}
std::string Query::Bind(const std::string& v) {
  std::string name = "p" + std::to_string(++next_);
  Set(name, v);
  return ":" + name;
}
std::string Query::BindNull() { return "NULL"; }
Query& Query::Set(const std::string& name, int64_t v) {
  params_.emplace_back(name, v);
  return *this;
}
Query& Query::Set(const std::string& name, const std::string& v) {
  params_.emplace_back(name, v);
  return *this;
}
void Query::FillValues(soci::values& v) const {
  for (const auto& [name, value] : params_) {
    if (std::holds_alternative<int64_t>(value)) v.set(name, static_cast<long long>(std::get<int64_t>(value)));
    else v.set(name, std::get<std::string>(value));
  }
}
Query& Query::SetNull(const std::string& name) {
  // SOCI 4.0 binds a soci::values entry marked i_null as an empty string on SQLite, so NULL
  // is written into the text instead (it is a constant, not user input).
  const std::string token = ":" + name;
  for (size_t pos = text_.find(token); pos != std::string::npos; pos = text_.find(token, pos)) {
    size_t end = pos + token.size();
    bool whole = end >= text_.size() || !(std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_');
    if (whole) {
      text_.replace(pos, token.size(), "NULL");
      pos += 4;
    } else {
      pos = end;
    }
  }
  return *this;
}

namespace {
std::shared_ptr<const std::vector<std::string>> LowerNames(const soci::row& r) {
  auto names = std::make_shared<std::vector<std::string>>();
  names->reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) {
    std::string name = r.get_properties(i).get_name();
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    names->push_back(std::move(name));
  }
  return names;
}
}  // namespace

Row::Row(const soci::row& r) : Row(r, nullptr) {}

Row::Row(const soci::row& r, std::shared_ptr<const std::vector<std::string>> names)
    : names_(names && names->size() == r.size() ? std::move(names) : LowerNames(r)) {
  const size_t n = r.size();
  text_.reserve(n);
  ints_.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const auto& props = r.get_properties(i);
    if (r.get_indicator(i) == soci::i_null) {
      text_.emplace_back();
      ints_.emplace_back();
      continue;
    }
    switch (props.get_data_type()) {
      case soci::dt_integer: {
        int64_t v = r.get<int>(i);
        ints_.emplace_back(v);
        text_.emplace_back(std::to_string(v));
        break;
      }
      case soci::dt_long_long: {
        int64_t v = r.get<long long>(i);
        ints_.emplace_back(v);
        text_.emplace_back(std::to_string(v));
        break;
      }
      case soci::dt_unsigned_long_long: {
        int64_t v = static_cast<int64_t>(r.get<unsigned long long>(i));
        ints_.emplace_back(v);
        text_.emplace_back(std::to_string(v));
        break;
      }
      case soci::dt_double: {
        double d = r.get<double>(i);
        ints_.emplace_back(static_cast<int64_t>(d));
        std::string s = std::to_string(d);
        text_.emplace_back(s);
        break;
      }
      case soci::dt_string:
      default: {
        std::string s = r.get<std::string>(i);
        // A text cell that is a whole integer also reads as one. from_chars, not stoll: stoll
        // throws on every non-numeric cell, and unwinding cost more than the query (a list of
        // 35,000 meetings spent most of its time in the unwinder).
        int64_t v = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        ints_.emplace_back(ec == std::errc() && end == s.data() + s.size() && !s.empty() ? std::optional<int64_t>(v)
                                                                                     : std::nullopt);
        text_.emplace_back(std::move(s));
        break;
      }
    }
  }
}

size_t Row::Index(const std::string& column) const {
  for (size_t i = 0; i < names_->size(); ++i)
    if ((*names_)[i] == column) return i;
  throw std::out_of_range("no column " + column);
}
int64_t Row::IntAt(size_t i) const { return i < ints_.size() ? ints_[i].value_or(0) : 0; }
int64_t Row::Int(const std::string& column) const { return ints_[Index(column)].value_or(0); }
std::string Row::Str(const std::string& column) const { return text_[Index(column)].value_or(""); }
bool Row::IsNull(const std::string& column) const { return !text_[Index(column)].has_value(); }
std::optional<std::string> Row::OptStr(const std::string& column) const { return text_[Index(column)]; }
std::optional<int64_t> Row::OptInt(const std::string& column) const { return ints_[Index(column)]; }

std::vector<Row> Fetch(soci::session& sql, Query& q) {
  std::vector<Row> rows;
  if (q.has_values()) {
    soci::values values;
    q.FillValues(values);
    soci::rowset<soci::row> rs = (sql.prepare << q.text(), soci::use(values));
    for (const auto& r : rs) rows.emplace_back(r, rows.empty() ? nullptr : rows.back().names());
  } else {
    soci::rowset<soci::row> rs = (sql.prepare << q.text());
    for (const auto& r : rs) rows.emplace_back(r, rows.empty() ? nullptr : rows.back().names());
  }
  return rows;
}

std::optional<Row> FetchOne(soci::session& sql, Query& q) {
  auto rows = Fetch(sql, q);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

int64_t Exec(soci::session& sql, Query& q) {
  soci::values values;
  q.FillValues(values);
  soci::statement st = q.has_values() ? (sql.prepare << q.text(), soci::use(values))
                                      : (sql.prepare << q.text());
  st.execute(true);
  return st.get_affected_rows();
}

int64_t InsertReturningId(soci::session& sql, Query& q) {
  auto row = FetchOne(sql, q);
  if (!row) throw std::runtime_error("INSERT returned no id");
  return row->Int("id");
}

int64_t Scalar(soci::session& sql, Query& q) {
  auto rows = Fetch(sql, q);
  if (rows.empty()) return 0;
  return rows.front().IntAt(0);
}

void ScopeFilter(Query& q, const Scope& scope, std::string_view tenant_col, std::string_view path_col) {
  q << " AND " << tenant_col << " IN (";
  if (scope.tenants.empty()) {
    q << q.Bind(scope.home_tenant);
  } else {
    for (size_t i = 0; i < scope.tenants.size(); ++i) {
      if (i) q << ", ";
      q << q.Bind(scope.tenants[i]);
    }
  }
  q << ")";
  if (!path_col.empty() && !scope.org_paths.empty()) {
    q << " AND (";
    for (size_t i = 0; i < scope.org_paths.size(); ++i) {
      if (i) q << " OR ";
      q << path_col << " LIKE " << q.Bind(scope.org_paths[i] + "%");
    }
    q << ")";
  }
}

void HomeTenantFilter(Query& q, const Scope& scope, std::string_view tenant_col) {
  q << " AND " << tenant_col << " = " << q.Bind(scope.home_tenant);
}

std::string ContainsPattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

}  // namespace qizhi::platform::db
