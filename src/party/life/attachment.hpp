// Files kept with a meeting record: which files are accepted and what they are. A file is
// judged by its bytes (magic numbers), not by what the browser claims: %PDF- is a PDF, FF D8 FF
// a JPEG, the PNG signature a PNG, and a ZIP (PK 03 04) holding word/ or xl/ parts a .docx or
// .xlsx. The file name's extension must agree with the bytes, so a renamed file is refused
// rather than opened by the wrong program. Pure, no I/O, thread-safe.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "platform/core/result.hpp"

namespace qizhi::party::life {

inline constexpr std::size_t kMaxAttachmentBytes = 10 * 1024 * 1024;  // 10 MiB
inline constexpr std::size_t kMaxAttachmentName = 100;                // characters

struct AttachmentKind {
  std::string kind;          // pdf, docx, xlsx, jpg, png
  std::string content_type;  // application/pdf …
};

// The name: required, ≤ 100 characters, no path separators or control characters, an extension
// among .pdf .docx .xlsx .jpg .jpeg .png (any case). Errors name `name`.
// The bytes: not empty, ≤ kMaxAttachmentBytes, one of the five kinds by magic bytes, and the
// kind the extension says. Errors name `file`, in Chinese for the user.
Result<AttachmentKind> CheckAttachment(std::string_view name, std::string_view bytes);

}  // namespace qizhi::party::life
