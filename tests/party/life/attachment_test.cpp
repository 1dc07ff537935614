#include "party/life/attachment.hpp"

#include <gtest/gtest.h>

#include <string>

namespace qizhi::party::life {
namespace {

const std::string kPdf = "%PDF-1.7\n...";
const std::string kJpg = std::string("\xFF\xD8\xFF\xE0", 4) + "JFIF";
const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR";
const std::string kDocx = std::string("PK\x03\x04", 4) + "....[Content_Types].xml....word/document.xml";
const std::string kXlsx = std::string("PK\x03\x04", 4) + "....[Content_Types].xml....xl/workbook.xml";

TEST(CheckAttachment, TheFiveKindsByTheirBytes) {
  struct Case {
    const char* name;
    const std::string& bytes;
    const char* kind;
    const char* type;
  };
  for (const Case c : {Case{"会议记录.pdf", kPdf, "pdf", "application/pdf"}, Case{"照片.JPG", kJpg, "jpg", "image/jpeg"},
                       Case{"照片.jpeg", kJpg, "jpg", "image/jpeg"}, Case{"签到.png", kPng, "png", "image/png"},
                       Case{"纪要.docx", kDocx, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
                       Case{"签到表.xlsx", kXlsx, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}}) {
    auto r = CheckAttachment(c.name, c.bytes);
    ASSERT_TRUE(r.ok()) << c.name;
    EXPECT_EQ(r.value().kind, c.kind);
    EXPECT_EQ(r.value().content_type, c.type);
  }
}

TEST(CheckAttachment, SizeLimitAtExactly10MiB) {
  std::string big = kPdf;
  big.resize(kMaxAttachmentBytes, 'x');
  EXPECT_TRUE(CheckAttachment("a.pdf", big).ok());
  big.push_back('x');
  auto r = CheckAttachment("a.pdf", big);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "file");
  EXPECT_EQ(r.error().message, "文件不能超过 10 MB");
}

TEST(CheckAttachment, BadFilesNameTheField) {
  struct Case {
    const char* name;
    std::string bytes;
    const char* field;
    const char* message;
  };
  for (const Case& c : {Case{"a.pdf", "", "file", "文件为空，请重新选择"},
                        Case{"a.pdf", "MZ\x90", "file", "文件内容不是可接受的格式，请上传 PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG 文件"},
                        Case{"a.pdf", kPng, "file", "文件内容是 PNG 图片，与扩展名不符，请确认文件后重新上传"},
                        Case{"a.docx", std::string("PK\x03\x04", 4) + "other.txt", "file",
                             "文件内容不是可接受的格式，请上传 PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG 文件"},
                        Case{"", kPdf, "name", "请提供文件名"},
                        Case{"　", kPdf, "name", "请提供文件名"},
                        Case{"a.exe", kPdf, "name", "文件类型不支持，请上传 PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG 文件"},
                        Case{"noext", kPdf, "name", "文件类型不支持，请上传 PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG 文件"},
                        Case{"../a.pdf", kPdf, "name", "文件名不能包含路径分隔符或控制字符"},
                        Case{"a\nb.pdf", kPdf, "name", "文件名不能包含路径分隔符或控制字符"}}) {
    auto r = CheckAttachment(c.name, c.bytes);
    ASSERT_FALSE(r.ok()) << c.name;
    ASSERT_EQ(r.errors().size(), 1u) << c.name;
    EXPECT_EQ(r.error().field, c.field) << c.name;
    EXPECT_EQ(r.error().message, c.message) << c.name;
  }
  std::string long_name(101, 'a');
  EXPECT_EQ(CheckAttachment(long_name + ".pdf", kPdf).error().message, "文件名不能超过 100 字");
  EXPECT_TRUE(CheckAttachment(std::string(96, 'a') + ".pdf", kPdf).ok());
}

}  // namespace
}  // namespace qizhi::party::life
