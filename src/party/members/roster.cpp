#include "party/members/roster.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>
#include <optional>
#include <string>

#include "platform/core/text.hpp"
#include "platform/pii/id_number.hpp"

namespace qizhi::party::members {
namespace {


const std::string kFile = "file";

std::string DateText(int y, int m, int d) {
  char buf[40];  // room for any int, so the compiler can prove nothing is cut
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// ---------------------------------------------------------------------------------------------
// Roster rows

// Other spellings of the same headers seen in hospitals' own rosters.
const std::map<std::string, std::string>& HeaderAliases() {
  static const std::map<std::string, std::string> kAliases = {
      {"身份证号", "公民身份号码"}, {"身份证号码", "公民身份号码"}, {"手机号", "联系电话"},
      {"手机号码", "联系电话"},     {"所在支部", "所在党组织"},     {"党员身份", "党员类别"},
  };
  return kAliases;
}

// Templates mark required columns with an asterisk: "*姓名", "姓名*".
std::string HeaderTitle(std::string_view cell) {
  std::string t = Trim(cell);
  while (!t.empty() && t.front() == '*') t.erase(0, 1);
  while (!t.empty() && t.back() == '*') t.pop_back();
  t = Trim(t);
  const auto alias = HeaderAliases().find(t);
  return alias != HeaderAliases().end() ? alias->second : t;
}

int ColumnIndexByTitle(std::string_view title) {
  const auto& cols = RosterColumns();
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (cols[i].title == title) return static_cast<int>(i);
  }
  return -1;
}

int ColumnIndexByField(std::string_view field) {
  const auto& cols = RosterColumns();
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (cols[i].field == field) return static_cast<int>(i);
  }
  return -1;
}

std::string ColumnTitle(std::string_view field) {
  const int i = ColumnIndexByField(field);
  return i < 0 ? std::string() : RosterColumns()[static_cast<std::size_t>(i)].title;
}

bool IsBlankRow(const std::vector<std::string>& row) {
  return std::all_of(row.begin(), row.end(), [](const std::string& c) { return Trim(c).empty(); });
}

bool ReadDigits(std::string_view s, std::size_t& i, std::size_t min, std::size_t max, int& out) {
  std::size_t n = 0;
  out = 0;
  while (i < s.size() && n < max && s[i] >= '0' && s[i] <= '9') {
    out = out * 10 + (s[i] - '0');
    ++i;
    ++n;
  }
  return n >= min;
}

bool ReadSeparator(std::string_view s, std::size_t& i, std::string_view chinese) {
  for (std::string_view sep :
       {std::string_view("-"), std::string_view("/"), std::string_view("."), chinese}) {
    if (s.substr(i, sep.size()) == sep) {
      i += sep.size();
      return true;
    }
  }
  return false;
}

// 2020-07-01, 2020-7-1, 2020/7/1, 2020.07.01, 2020年7月1日, 20200701 → "2020-07-01". A time
// after a space ("2020/7/1 0:00", as Excel writes date cells into a CSV) is dropped. Empty text
// stays empty; anything else is nullopt.
std::optional<std::string> NormalizeDate(std::string_view text) {
  std::string s = Trim(text);
  if (s.empty()) return std::string();
  const auto space = s.find(' ');
  if (space != std::string::npos) {
    const std::string time = Trim(std::string_view(s).substr(space));
    if (time.find_first_not_of("0123456789:.") != std::string::npos) return std::nullopt;
    s.resize(space);
  }
  int y = 0, m = 0, d = 0;
  std::size_t i = 0;
  if (s.size() == 8 && s.find_first_not_of("0123456789") == std::string::npos) {
    ReadDigits(s, i, 4, 4, y);
    ReadDigits(s, i, 2, 2, m);
    ReadDigits(s, i, 2, 2, d);
  } else {
    if (!ReadDigits(s, i, 4, 4, y) || !ReadSeparator(s, i, "年") || !ReadDigits(s, i, 1, 2, m) ||
        !ReadSeparator(s, i, "月") || !ReadDigits(s, i, 1, 2, d)) {
      return std::nullopt;
    }
    if (std::string_view(s).substr(i) == "日") i = s.size();
    if (i != s.size()) return std::nullopt;
  }
  const std::string iso = DateText(y, m, d);
  if (!ParseDate(iso)) return std::nullopt;
  return iso;
}

std::optional<bool> ParseYesNo(std::string_view text) {
  const std::string s = Upper(Trim(text));
  if (s.empty() || s == "否" || s == "FALSE" || s == "0" || s == "N" || s == "NO") return false;
  if (s == "是" || s == "TRUE" || s == "1" || s == "Y" || s == "YES") return true;
  return std::nullopt;
}

// What Excel makes of an 18-digit number typed into a General cell: 5.00102E+17.
bool LooksLikeScientific(std::string_view s) {
  const std::string u = Upper(std::string(s));
  return u.find("E+") != std::string::npos &&
         u.find_first_not_of("0123456789.E+") == std::string::npos;
}

}  // namespace

const std::vector<RosterColumn>& RosterColumns() {
  static const std::vector<RosterColumn> kColumns = {
      {"姓名", "name", true},
      {"性别", "sex", true},
      {"公民身份号码", "id_number", true},
      {"民族", "ethnicity", true},
      {"籍贯", "native_place", false},
      {"学历", "education", true},
      {"人员类别", "category", true},
      {"所在党组织", "unit", true},
      {"党员类别", "status", true},
      {"入党日期", "joined_on", true},
      {"转正日期", "full_on", false},
      {"工作岗位", "job", false},
      {"联系电话", "phone", false},
      {"是否困难党员", "hardship", false},
      {"困难情况", "hardship_note", false},
      {"是否流动党员", "flowing", false},
      {"外出流向", "flow_to", false},
      {"外出日期", "flow_since", false},
  };
  return kColumns;
}


ParsedRoster ParseRoster(const Grid& grid, const Date& today) {
  ParsedRoster out;
  const auto& columns = RosterColumns();

  // The header is the first non-blank row, unless a title row (党员名册, the branch's name)
  // sits above it: then the first of the next rows that names at least two columns.
  std::size_t header = grid.size();
  for (std::size_t i = 0; i < grid.size(); ++i) {
    if (!IsBlankRow(grid[i])) {
      header = i;
      break;
    }
  }
  if (header == grid.size()) {
    out.errors.push_back(
        {1, kFile, "", "文件中没有数据：第一行应为表头（姓名、性别、公民身份号码…）"});
    return out;
  }
  auto known_titles = [&](std::size_t i) {
    int n = 0;
    for (const auto& cell : grid[i]) n += ColumnIndexByTitle(HeaderTitle(cell)) >= 0 ? 1 : 0;
    return n;
  };
  if (known_titles(header) < 2) {
    for (std::size_t i = header + 1; i < grid.size() && i <= header + 10; ++i) {
      if (known_titles(i) >= 2) {
        header = i;
        break;
      }
    }
  }
  const int header_line = static_cast<int>(header) + 1;

  std::vector<int> position(columns.size(), -1);  // column → cell index in the file
  for (std::size_t j = 0; j < grid[header].size(); ++j) {
    const std::string title = HeaderTitle(grid[header][j]);
    const int col = ColumnIndexByTitle(title);
    if (col < 0) continue;  // 序号 and any extra column
    if (position[static_cast<std::size_t>(col)] >= 0) {
      out.errors.push_back({header_line, columns[static_cast<std::size_t>(col)].field, title,
                            "表头“" + title + "”出现了两次"});
      continue;
    }
    position[static_cast<std::size_t>(col)] = static_cast<int>(j);
  }
  for (std::size_t col = 0; col < columns.size(); ++col) {
    if (columns[col].required && position[col] < 0) {
      out.errors.push_back({header_line, columns[col].field, columns[col].title,
                            "缺少必填列“" + columns[col].title + "”"});
    }
  }
  if (!out.errors.empty()) return out;

  std::map<std::string, int> seen_ids;  // normalised ID number → first line
  for (std::size_t i = header + 1; i < grid.size(); ++i) {
    const auto& row = grid[i];
    if (IsBlankRow(row)) continue;
    const int line = static_cast<int>(i) + 1;
    auto cell = [&](std::string_view field) {
      const int col = ColumnIndexByField(field);
      const int at = col < 0 ? -1 : position[static_cast<std::size_t>(col)];
      return at < 0 || static_cast<std::size_t>(at) >= row.size()
                 ? std::string()
                 : Trim(row[static_cast<std::size_t>(at)]);
    };
    std::vector<RowError> errors;
    auto add = [&](const std::string& field, std::string message) {
      errors.push_back({line, field, ColumnTitle(field), std::move(message)});
    };
    auto flagged = [&](std::string_view field) {
      return std::any_of(errors.begin(), errors.end(),
                         [&](const RowError& e) { return e.field == field; });
    };

    RosterRow r;
    r.line = line;
    MemberInput& m = r.member;
    m.name = cell("name");
    m.sex = cell("sex");
    if (m.sex == "男性") m.sex = "男";
    if (m.sex == "女性") m.sex = "女";
    m.id_number = cell("id_number");
    if (LooksLikeScientific(m.id_number)) {
      add("id_number", "身份证号被 Excel 存成了数字（" + m.id_number +
                           "），末几位已丢失：请将该列设为“文本”格式后重新填写");
    }
    m.ethnicity = cell("ethnicity");
    m.native_place = cell("native_place");
    m.education = cell("education");
    m.category = cell("category");
    r.unit = cell("unit");
    if (r.unit.empty()) add("unit", "请填写所在党组织");
    m.status = cell("status");
    if (m.status == "预备党员") m.status = "预备";
    if (m.status == "正式党员") m.status = "正式";
    m.job = cell("job");
    m.phone = cell("phone");
    const std::pair<std::string_view, std::string*> dates[] = {
        {"joined_on", &m.joined_on}, {"full_on", &m.full_on}, {"flow_since", &m.flow_since}};
    for (const auto& [field, target] : dates) {
      const std::string text = cell(field);
      if (auto iso = NormalizeDate(text)) {
        *target = *iso;
      } else {
        *target = text;
        add(std::string(field),
            "日期“" + text + "”无法识别，请写作 2020-07-01、2020/7/1、2020.07.01 或 2020年7月1日");
      }
    }
    const std::pair<std::string_view, bool*> flags[] = {{"hardship", &m.hardship},
                                                        {"flowing", &m.flowing}};
    for (const auto& [field, target] : flags) {
      const std::string text = cell(field);
      if (auto yes = ParseYesNo(text)) {
        *target = *yes;
      } else {
        add(std::string(field), "应填写“是”或“否”");
      }
    }
    m.flow_to = cell("flow_to");
    m.hardship_note = cell("hardship_note");

    auto valid = ValidateMember(m, today);
    if (valid.ok()) {
      r.member = valid.value().input;
    } else {
      for (const auto& e : valid.errors()) {
        if (!flagged(e.field)) add(e.field, e.message);
      }
    }

    if (const auto id = platform::pii::ParseIdNumber(m.id_number, "id_number", FormatDate(today));
        id.ok()) {
      const auto [it, inserted] = seen_ids.emplace(id.value().normalized, line);
      if (!inserted) add("id_number", "与第 " + std::to_string(it->second) + " 行的身份证号重复");
    }

    // Errors of a row in column order, as the user reads the row.
    std::stable_sort(errors.begin(), errors.end(), [](const RowError& a, const RowError& b) {
      const auto rank = [](const RowError& e) {
        const int i = ColumnIndexByField(e.field);
        return i < 0 ? 1000 : i;
      };
      return rank(a) < rank(b);
    });
    r.valid = errors.empty();
    for (auto& e : errors) out.errors.push_back(std::move(e));
    out.rows.push_back(std::move(r));
  }
  return out;
}

std::vector<std::string> ExportCells(const RosterExportRow& row) {
  const MemberInput& m = row.member;
  return {m.name,
          m.sex,
          m.id_number,
          m.ethnicity,
          m.native_place,
          m.education,
          m.category,
          row.unit,
          m.status,
          m.joined_on,
          m.full_on,
          m.job,
          m.phone,
          m.hardship ? "是" : "否",
          m.hardship_note,
          m.flowing ? "是" : "否",
          m.flow_to,
          m.flow_since};
}

}  // namespace qizhi::party::members
