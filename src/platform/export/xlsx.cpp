#include "platform/export/xlsx.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace qizhi::platform::xport {
namespace {

// Excel's own limits (libxlsxwriter refuses anything past them).
constexpr size_t kMaxRows = 1048576;
constexpr size_t kMaxColumns = 16384;
constexpr size_t kMaxCellChars = 32767;
constexpr size_t kMaxSheetNameChars = 31;
constexpr double kMaxColumnWidth = 255;
// Automatic widths look at the header and this many rows: enough to see typical values
// without a second pass over 100,000 rows.
constexpr size_t kWidthSampleRows = 200;

constexpr uint8_t kPaperA4 = 9;  // Excel's paper code for A4
constexpr lxw_color_t kHeaderFill = 0xDDEBF7;  // light blue, still readable in grey print

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

Error Internal() { return Error{ErrorCode::kInternal, "生成 Excel 文件失败", ""}; }

// Decodes one UTF-8 character at s[i]; returns its length, 0 when the bytes there are not
// well-formed UTF-8 (bad lead byte, truncated, overlong, surrogate, beyond U+10FFFF).
size_t DecodeUtf8(std::string_view s, size_t i, uint32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t len = 0;
  uint32_t min = 0;
  if (c < 0x80) {
    cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// `in` as text an .xlsx part can carry, at most `max_chars` characters, into `out` (reused
// across cells so a large export does not allocate per cell). XML 1.0 has no way to write
// most C0 controls or U+FFFE/U+FFFF, and Excel refuses a file with invalid UTF-8, so those
// are dropped or replaced rather than failing a whole export for one stray byte.
void CleanText(std::string_view in, size_t max_chars, std::string& out) {
  out.clear();
  size_t chars = 0;
  for (size_t i = 0; i < in.size() && chars < max_chars;) {
    uint32_t cp = 0;
    const size_t len = DecodeUtf8(in, i, cp);
    if (len == 0) {
      out += kReplacement;
      ++chars;
      ++i;
      continue;
    }
    const bool xml_char = cp >= 0x20 ? (cp != 0xFFFE && cp != 0xFFFF) : (cp == '\t' || cp == '\n' || cp == '\r');
    if (xml_char) {
      out.append(in.substr(i, len));
      ++chars;
    }
    i += len;
  }
}

// Columns a value needs on screen: East Asian characters are about two Latin ones wide.
size_t DisplayWidth(std::string_view s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    const size_t len = DecodeUtf8(s, i, cp);
    width += (len != 0 && cp >= 0x1100) ? 2 : 1;
    i += len == 0 ? 1 : len;
  }
  return width;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A sheet name Excel accepts and not yet used in this workbook (Excel compares names without
// regard to case). `used` holds the lower-cased names taken so far.
std::string SheetName(const std::string& wanted, size_t index, std::vector<std::string>& used) {
  std::string name;
  CleanText(wanted, kMaxSheetNameChars * 4, name);
  for (char& c : name) {
    if (c == '\t' || c == '\n' || c == '\r' || std::strchr("[]:*?/\\", c) != nullptr) c = '_';
  }
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  if (Lower(name) == "history") name += "_";  // reserved by Excel for change tracking
  if (name.empty()) name = "Sheet" + std::to_string(index + 1);
  std::string base;
  CleanText(name, kMaxSheetNameChars, base);
  std::string candidate = base;
  for (int n = 2; std::find(used.begin(), used.end(), Lower(candidate)) != used.end(); ++n) {
    const std::string suffix = "(" + std::to_string(n) + ")";
    CleanText(base, kMaxSheetNameChars - suffix.size(), candidate);
    candidate += suffix;
  }
  used.push_back(Lower(candidate));
  return candidate;
}

// The private temporary file libxlsxwriter writes the workbook into. mkstemp creates it with
// mode 0600 and a name no one else can guess or pre-create; it is unlinked however
// WriteXlsx returns. The descriptor stays open: libxlsxwriter reopens the path with truncation,
// which keeps the inode, so the bytes are read back through this descriptor.
class TempFile {
 public:
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }

  Status Open(const std::string& dir) {
    std::string pattern = dir + "/qizhi-export-XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
      spdlog::error("event=xlsx_tempfile_failed dir={} error=\"{}\"", dir, std::strerror(errno));
      return Internal();
    }
    fd_ = fd;
    path_ = pattern;
    return Ok();
  }

  const std::string& path() const { return path_; }

  Result<std::string> ReadAll() const {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return Internal();
    std::string bytes(static_cast<size_t>(st.st_size), '\0');
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::pread(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        spdlog::error("event=xlsx_read_failed error=\"{}\"", n < 0 ? std::strerror(errno) : "short read");
        return Internal();
      }
      done += static_cast<size_t>(n);
    }
    return bytes;
  }

 private:
  std::string path_;
  int fd_ = -1;
};

std::string TempDir() {
  const char* env = std::getenv("TMPDIR");
  return (env != nullptr && *env != '\0') ? std::string(env) : std::string("/tmp");
}

struct Formats {
  lxw_format* title;
  lxw_format* header;
  lxw_format* text;
};

Formats AddFormats(lxw_workbook* wb) {
  Formats f{workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb)};
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);

  format_set_bold(f.header);
  format_set_pattern(f.header, LXW_PATTERN_SOLID);
  format_set_bg_color(f.header, kHeaderFill);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(f.header);

  // "@" is Excel's Text format: what a user later types into these columns stays text too.
  format_set_num_format(f.text, "@");
  return f;
}

size_t ColumnCount(const Sheet& s) {
  size_t n = s.headers.size();
  for (const auto& row : s.rows) n = std::max(n, row.size());
  return std::max<size_t>(n, s.title.empty() ? 0 : 1);
}

Status Check(lxw_error err, const char* step) {
  if (err == LXW_NO_ERROR) return Ok();
  spdlog::error("event=xlsx_failed step={} error=\"{}\"", step, lxw_strerror(err));
  return Internal();
}

// Writes one worksheet, rows strictly in order (constant-memory mode ignores a row written
// after a later one).
Status WriteSheet(lxw_workbook* wb, const Formats& fmt, const Sheet& s, const std::string& name) {
  const size_t columns = ColumnCount(s);
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  if (ws == nullptr) {
    spdlog::error("event=xlsx_failed step=add_worksheet");
    return Internal();
  }
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, kPaperA4);
  worksheet_fit_to_pages(ws, 1, 0);  // one page wide, as many pages tall as needed
  worksheet_gridlines(ws, LXW_SHOW_ALL_GRIDLINES);
  if (auto st = Check(worksheet_set_footer(ws, "&C第 &P 页 / 共 &N 页"), "footer"); !st) return st;
  if (columns == 0) return Ok();
  if (auto st = Check(worksheet_ignore_errors(ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:XFD1048576"),
                      "ignore_errors");
      !st) {
    return st;
  }

  std::string cell;
  for (size_t c = 0; c < columns; ++c) {
    double width = c < s.widths.size() ? s.widths[c] : 0;
    if (width <= 0) {
      size_t need = c < s.headers.size() ? DisplayWidth(s.headers[c]) : 0;
      for (size_t r = 0; r < s.rows.size() && r < kWidthSampleRows; ++r) {
        if (c < s.rows[r].size()) need = std::max(need, DisplayWidth(s.rows[r][c]));
      }
      width = static_cast<double>(std::clamp<size_t>(need + 2, 6, 60));
    }
    const auto col = static_cast<lxw_col_t>(c);
    if (auto st = Check(worksheet_set_column(ws, col, col, std::min(width, kMaxColumnWidth), fmt.text), "column");
        !st) {
      return st;
    }
  }

  lxw_row_t row = 0;
  if (!s.title.empty()) {
    CleanText(s.title, kMaxCellChars, cell);
    if (auto st = Check(worksheet_set_row(ws, row, 28, nullptr), "title_row"); !st) return st;
    const lxw_error err = columns > 1
                              ? worksheet_merge_range(ws, row, 0, row, static_cast<lxw_col_t>(columns - 1),
                                                      cell.c_str(), fmt.title)
                              : worksheet_write_string(ws, row, 0, cell.c_str(), fmt.title);
    if (auto st = Check(err, "title"); !st) return st;
    ++row;
  }
  if (!s.headers.empty()) {
    for (size_t c = 0; c < s.headers.size(); ++c) {
      CleanText(s.headers[c], kMaxCellChars, cell);
      if (auto st = Check(worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), cell.c_str(), fmt.header),
                          "header");
          !st) {
        return st;
      }
    }
    worksheet_freeze_panes(ws, row + 1, 0);
    if (auto st = Check(worksheet_repeat_rows(ws, row, row), "repeat_rows"); !st) return st;
    ++row;
  }
  for (const auto& values : s.rows) {
    for (size_t c = 0; c < values.size(); ++c) {
      if (values[c].empty()) continue;  // an empty cell keeps the column's text format
      CleanText(values[c], kMaxCellChars, cell);
      if (auto st = Check(worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), cell.c_str(), fmt.text), "cell");
          !st) {
        return st;
      }
    }
    ++row;
  }
  return Ok();
}

// Percent-encodes everything but RFC 5987's attr-char.
std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool attr_char = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                           (c != 0 && std::strchr("!#$&+-.^_`|~", c) != nullptr);
    if (attr_char) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

}  // namespace

Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets) {
  for (const auto& s : sheets) {
    const size_t rows = s.rows.size() + (s.title.empty() ? 0 : 1) + (s.headers.empty() ? 0 : 1);
    if (rows > kMaxRows) {
      return Invalid("", "导出行数超过 Excel 上限（1048576 行），请缩小筛选范围后分批导出");
    }
    if (ColumnCount(s) > kMaxColumns) return Invalid("", "导出列数超过 Excel 上限（16384 列）");
  }

  const std::string dir = TempDir();
  TempFile file;
  if (auto st = file.Open(dir); !st) return st.errors();

  // constant_memory: each finished row goes to a temporary file under `dir` instead of staying
  // in memory, so memory does not grow with the row count. It also writes strings inline in
  // the sheet rather than in a shared-strings table, which Excel and WPS read the same way.
  std::string tmpdir = dir;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = tmpdir.data();
  options.use_zip64 = LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(file.path().c_str(), &options);
  if (wb == nullptr) {
    spdlog::error("event=xlsx_failed step=workbook_new");
    return Internal();
  }
  const Formats fmt = AddFormats(wb);
  std::vector<std::string> used;
  for (size_t i = 0; i < sheets.size(); ++i) {
    if (auto st = WriteSheet(wb, fmt, sheets[i], SheetName(sheets[i].name, i, used)); !st) {
      workbook_close(wb);  // frees the workbook; its half-written file is discarded with `file`
      return st.errors();
    }
  }
  if (auto st = Check(workbook_close(wb), "close"); !st) return st.errors();
  return file.ReadAll();
}

std::string AttachmentHeader(std::string_view utf8_filename, std::string_view ascii_fallback) {
  std::string fallback;
  fallback.reserve(ascii_fallback.size());
  for (const char ch : ascii_fallback) {
    const auto c = static_cast<unsigned char>(ch);
    fallback.push_back(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? ch : '_');
  }
  if (fallback.empty()) fallback = "download";
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + PercentEncode(utf8_filename);
}

}  // namespace qizhi::platform::xport
