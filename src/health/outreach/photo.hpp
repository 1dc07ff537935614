// A visit's photo: judged by its bytes (FF D8 FF is a JPEG, the PNG signature a PNG), not by what
// the phone claims, and at most kMaxPhotoBytes. Pure, no I/O, thread-safe.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "platform/core/result.hpp"

namespace qizhi::health::outreach {

inline constexpr std::size_t kMaxPhotoBytes = 5 * 1024 * 1024;  // 5 MiB

struct PhotoKind {
  std::string kind;          // jpg | png
  std::string content_type;  // image/jpeg | image/png
};

// Errors name `photo`, in Chinese.
Result<PhotoKind> CheckVisitPhoto(std::string_view bytes);

}  // namespace qizhi::health::outreach
