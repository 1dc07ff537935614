// Text as users type it: UTF-8 from forms, spreadsheets and IMEs. Pure, thread-safe.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace qizhi {

// Without surrounding spaces, tabs, line breaks, ideographic (U+3000) and no-break (U+00A0)
// spaces, which spreadsheets and Chinese IMEs leave around values.
std::string Trim(std::string_view s);
// Characters, not bytes: a 60-character limit means 60 汉字 or 60 letters alike. A byte that is
// not valid UTF-8 counts as one character.
std::size_t Utf8Length(std::string_view s);

}  // namespace qizhi
