// Reading a table someone exported from Excel or another system: CSV (UTF-8) or the first
// worksheet of an .xlsx (libzip + pugixml, bounded in size so an upload cannot unpack to
// gigabytes). Cells come back as text; date-formatted numbers as YYYY-MM-DD. Used by every
// import (the member roster, the 学习强国 statistics). Errors name the field "file".
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/result.hpp"

namespace qizhi::platform::sheet {

// A cell grid as read from a file, row by row.
using Grid = std::vector<std::vector<std::string>>;

// RFC 4180 CSV in UTF-8 (a UTF-8 BOM is dropped; GB18030 files from Excel are refused with a
// message asking to save as "CSV UTF-8").
Result<Grid> ReadCsv(std::string_view bytes);
// The first worksheet of an .xlsx: shared strings, inline strings, numbers (as Excel shows
// them in General format); a date-formatted number becomes YYYY-MM-DD.
Result<Grid> ReadXlsx(std::string_view bytes);
// By content: "PK\x03\x04" → xlsx; an OLE2 file (.xls, or an encrypted .xlsx) is refused;
// anything else is read as CSV.
Result<Grid> ReadFile(std::string_view bytes);

}  // namespace qizhi::platform::sheet
