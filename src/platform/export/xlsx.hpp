// Excel (.xlsx) exports: lists of members, residents, dues… as a workbook a 党办 clerk can open,
// print on A4 and hand to an inspector. Built on libxlsxwriter.
// Every cell is written as text (an 18-digit ID number or an 11-digit phone written as a number
// would lose digits or show as 1.1E+17), in columns formatted as text, with Excel's "number
// stored as text" warning switched off. Cell text is made safe for the file: invalid UTF-8
// becomes U+FFFD, control characters XML cannot carry are dropped, and a cell is cut at Excel's
// 32,767 characters. Masking personal data is the caller's job: this file writes what it is given.
// Failures: WriteXlsx returns kInvalid when a sheet has more rows or columns than Excel holds
// (1,048,576 × 16,384; the user narrows the filter) and kInternal when the temporary file or
// libxlsxwriter fails. Thread safety: pure functions over their arguments; concurrent calls are
// safe (each has its own workbook and temporary file).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/result.hpp"

namespace qizhi::platform::xport {  // "export" is a C++ keyword

struct Sheet {
  // Worksheet name. Excel allows 31 characters without []:*?/\ and no leading or trailing
  // apostrophe; a name breaking these rules is repaired (bad characters become '_', long
  // names are cut), an empty one becomes "Sheet<n>", and a repeated one gets "(2)", "(3)"…
  std::string name;
  // Optional title row above the header, merged across the columns and printed only on the
  // first page, e.g. "大足区人民医院党员名册（截至2026-11-24）".
  std::string title;
  // Header row: bold on a light fill, frozen while scrolling and repeated on every printed page.
  // Empty: no header row.
  std::vector<std::string> headers;
  // Column widths in characters (an entry ≤ 0, or a missing one, is sized from the header and
  // the first rows, a Chinese character counting as two).
  std::vector<double> widths;
  // Data rows, each written as TEXT; an empty string leaves the cell empty, and a row may be
  // shorter than the header.
  std::vector<std::vector<std::string>> rows;
};

// The .xlsx file as bytes. Page setup: A4 landscape, fit to one page wide, gridlines printed,
// "第 N 页 / 共 M 页" in the footer. No sheets: one empty "Sheet1" (a workbook needs a sheet).
// libxlsxwriter 1.1.4 writes only to files, so this writes a private temporary file (mkstemp
// under $TMPDIR or /tmp, mode 0600, removed before returning) and reads it back. The workbook
// is written in libxlsxwriter's constant-memory mode (row by row through temporary files), so
// a 100,000-row export costs the bytes of the result, not a copy of every cell in memory.
Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets);

// Content-Disposition value for a download with a UTF-8 file name (RFC 6266, RFC 5987):
//   attachment; filename="<ascii fallback>"; filename*=UTF-8''<percent-encoded UTF-8 name>
// Browsers use filename*; the fallback is for the rare client that does not. In the fallback
// every byte outside printable ASCII, and '"' and '\' (whose quoting clients disagree on),
// becomes '_'; an empty fallback becomes "download". No CR or LF can reach the header.
std::string AttachmentHeader(std::string_view utf8_filename, std::string_view ascii_fallback);

inline constexpr const char* kXlsxContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace qizhi::platform::xport
