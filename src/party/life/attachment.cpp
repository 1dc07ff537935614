#include "party/life/attachment.hpp"

#include <algorithm>
#include <cctype>

#include "platform/core/text.hpp"

namespace qizhi::party::life {
namespace {

constexpr std::string_view kAllowed = "请上传 PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG 文件";

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The kind a name's extension says; "" for any other.
std::string KindOfName(std::string_view name) {
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return "";
  const std::string ext = Lower(name.substr(dot + 1));
  if (ext == "jpeg") return "jpg";
  for (const char* k : {"pdf", "docx", "xlsx", "jpg", "png"})
    if (ext == k) return k;
  return "";
}

// The kind the bytes are; "" for any other. A ZIP is an Office file by the parts it holds (their
// names are plain text in the local headers).
std::string KindOfBytes(std::string_view b) {
  if (b.starts_with("%PDF-")) return "pdf";
  if (b.starts_with("\xFF\xD8\xFF")) return "jpg";
  if (b.starts_with(std::string_view("\x89PNG\r\n\x1A\n", 8))) return "png";
  if (b.starts_with(std::string_view("PK\x03\x04", 4))) {
    if (b.find("word/") != std::string_view::npos) return "docx";
    if (b.find("xl/") != std::string_view::npos) return "xlsx";
  }
  return "";
}

std::string ContentType(const std::string& kind) {
  if (kind == "pdf") return "application/pdf";
  if (kind == "docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (kind == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (kind == "jpg") return "image/jpeg";
  return "image/png";
}

std::string Title(const std::string& kind) {
  if (kind == "pdf") return "PDF";
  if (kind == "docx") return "Word（.docx）";
  if (kind == "xlsx") return "Excel（.xlsx）";
  if (kind == "jpg") return "JPG 图片";
  return "PNG 图片";
}

}  // namespace

Result<AttachmentKind> CheckAttachment(std::string_view name, std::string_view bytes) {
  Errors errors;
  const std::string trimmed = Trim(name);
  const bool bad_char = std::any_of(trimmed.begin(), trimmed.end(), [](unsigned char c) {
    return c < 0x20 || c == 0x7F || c == '/' || c == '\\';
  });
  const std::string named = KindOfName(trimmed);
  if (trimmed.empty()) errors.push_back(Invalid("name", "请提供文件名"));
  else if (Utf8Length(trimmed) > kMaxAttachmentName) errors.push_back(Invalid("name", "文件名不能超过 100 字"));
  else if (bad_char) errors.push_back(Invalid("name", "文件名不能包含路径分隔符或控制字符"));
  else if (named.empty()) errors.push_back(Invalid("name", std::string("文件类型不支持，") + std::string(kAllowed)));

  std::string kind;
  if (bytes.empty()) {
    errors.push_back(Invalid("file", "文件为空，请重新选择"));
  } else if (bytes.size() > kMaxAttachmentBytes) {
    errors.push_back(Invalid("file", "文件不能超过 10 MB"));
  } else {
    kind = KindOfBytes(bytes);
    if (kind.empty()) errors.push_back(Invalid("file", std::string("文件内容不是可接受的格式，") + std::string(kAllowed)));
    else if (!named.empty() && kind != named)
      errors.push_back(Invalid("file", "文件内容是 " + Title(kind) + "，与扩展名不符，请确认文件后重新上传"));
  }
  if (!errors.empty()) return errors;
  return AttachmentKind{kind, ContentType(kind)};
}

}  // namespace qizhi::party::life
