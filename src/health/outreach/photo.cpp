#include "health/outreach/photo.hpp"

namespace qizhi::health::outreach {

Result<PhotoKind> CheckVisitPhoto(std::string_view bytes) {
  if (bytes.empty()) return Invalid("photo", "请选择照片");
  if (bytes.size() > kMaxPhotoBytes) return Invalid("photo", "照片不能超过 5 MB");
  if (bytes.size() >= 3 && bytes.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) return PhotoKind{"jpg", "image/jpeg"};
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8)) return PhotoKind{"png", "image/png"};
  return Invalid("photo", "照片只能是 JPG 或 PNG 图片");
}

}  // namespace qizhi::health::outreach
