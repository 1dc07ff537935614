#include "platform/pii/cipher.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace qizhi::platform::pii {
namespace {

namespace fs = std::filesystem;

Cipher::Key KeyOf(unsigned char fill) {
  Cipher::Key key;
  key.fill(fill);
  return key;
}

TEST(CipherTest, RoundTrips) {
  const Cipher cipher = Cipher::FromKey(KeyOf(7));
  const std::vector<std::string> plaintexts = {"",
                                               "11010519491231002X",
                                               "13812345678",
                                               "云南省昆明市五华区华山街道",
                                               std::string(5000, 'a'),
                                               std::string("with\0nul", 8)};
  for (const auto& p : plaintexts) {
    SCOPED_TRACE(p.substr(0, 20));
    const std::string stored = cipher.Encrypt(p, "member.id_number:1:42");
    const auto back = cipher.Decrypt(stored, "member.id_number:1:42");
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back.value(), p);
  }
}

TEST(CipherTest, StoredFormIsVersionedBase64WithFreshNonce) {
  const Cipher cipher = Cipher::FromKey(KeyOf(7));
  const std::string a = cipher.Encrypt("11010519491231002X", "");
  const std::string b = cipher.Encrypt("11010519491231002X", "");
  EXPECT_NE(a, b);  // random nonce: equal values do not look equal in the database
  ASSERT_EQ(a.substr(0, 3), "v1:");
  // 24-byte nonce + 18-byte plaintext + 16-byte tag = 58 bytes → 80 base64 characters, padded.
  EXPECT_EQ(a.size(), 3u + 80u);
  EXPECT_EQ(a.back(), '=');
  EXPECT_EQ(
      a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=", 3),
      std::string::npos);
}

TEST(CipherTest, WrongAssociatedDataFails) {
  const Cipher cipher = Cipher::FromKey(KeyOf(7));
  const std::string stored = cipher.Encrypt("13812345678", "member.phone:1:42");
  for (std::string_view ad : {"member.phone:1:43", "member.phone:2:42", "", "member.phone:1:42 "}) {
    SCOPED_TRACE(ad);
    const auto r = cipher.Decrypt(stored, ad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInternal);
    EXPECT_EQ(r.error().message, "加密数据无法解密：密钥不符或数据被篡改");
  }
}

TEST(CipherTest, WrongKeyFails) {
  const std::string stored = Cipher::FromKey(KeyOf(7)).Encrypt("13812345678", "ad");
  const auto r = Cipher::FromKey(KeyOf(8)).Decrypt(stored, "ad");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
}

TEST(CipherTest, AnyChangedCharacterFails) {
  const Cipher cipher = Cipher::FromKey(KeyOf(7));
  const std::string stored = cipher.Encrypt("11010519491231002X", "ad");
  // Every character of the base64 body, including nonce and tag, changed to another valid one.
  for (std::size_t i = 3; i < stored.size() && stored[i] != '='; ++i) {
    std::string tampered = stored;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    const auto r = cipher.Decrypt(tampered, "ad");
    ASSERT_FALSE(r.ok()) << "position " << i;
    EXPECT_EQ(r.error().code, ErrorCode::kInternal);
  }
}

TEST(CipherTest, MalformedStoredValuesFail) {
  const Cipher cipher = Cipher::FromKey(KeyOf(7));
  const std::string good = cipher.Encrypt("x", "");
  const std::vector<std::string> cases = {
      "",
      "11010519491231002X",             // plaintext left in the column
      "v2:" + good.substr(3),           // unknown version
      "v1:",                            // nothing
      "v1:AAAA",                        // shorter than nonce + tag
      "v1:!!!!",                        // not base64
      good.substr(0, good.size() - 4),  // truncated
      good + "AAAA",                    // trailing bytes change the tag position
      good.substr(0, 3) + " " + good.substr(3),
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c);
    const auto r = cipher.Decrypt(c, "");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInternal);
  }
}

TEST(CipherTest, BlindIndexIsDeterministicAndKeyedByPurposeAndKey) {
  const Cipher cipher = Cipher::FromKey(KeyOf(7));
  const std::string a = cipher.BlindIndex("11010519491231002X", "id_number");
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a, cipher.BlindIndex("11010519491231002X", "id_number"));
  EXPECT_EQ(a, Cipher::FromKey(KeyOf(7)).BlindIndex("11010519491231002X", "id_number"));
  EXPECT_NE(a, cipher.BlindIndex("11010519491231002X", "phone"));
  EXPECT_NE(a, cipher.BlindIndex("110105194912310021", "id_number"));
  EXPECT_NE(a, Cipher::FromKey(KeyOf(8)).BlindIndex("11010519491231002X", "id_number"));
  // The separator keeps the purpose/value boundary unambiguous.
  EXPECT_NE(cipher.BlindIndex("c", "ab"), cipher.BlindIndex("bc", "a"));
  EXPECT_EQ(cipher.BlindIndex("", "").size(), 64u);
}

TEST(CipherTest, CopiesShareTheKey) {
  const Cipher original = Cipher::FromKey(KeyOf(9));
  Cipher copy = original;
  const std::string stored = original.Encrypt("secret", "ad");
  EXPECT_EQ(copy.Decrypt(stored, "ad").value(), "secret");
  Cipher moved = std::move(copy);
  EXPECT_EQ(moved.Decrypt(stored, "ad").value(), "secret");
}

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "qizhi-cipher-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string Read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  static void Write(const fs::path& path, const std::string& content, mode_t mode) {
    std::ofstream(path, std::ios::binary) << content;
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
  }

  fs::path dir_;
};

TEST_F(KeyFileTest, CreatesKeyFileWithMode0600AndReloadsTheSameKey) {
  const fs::path path = dir_ / "keys" / "nested" / "pii.key";  // parents do not exist yet
  const auto first = Cipher::LoadOrCreateKeyFile(path.string());
  ASSERT_TRUE(first.ok()) << first.error().message;

  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(path.parent_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);  // created directories are private too

  const std::string content = Read(path);
  ASSERT_EQ(content.size(), 65u);
  EXPECT_EQ(content.back(), '\n');
  EXPECT_EQ(content.find_first_not_of("0123456789abcdef"), 64u);

  const auto second = Cipher::LoadOrCreateKeyFile(path.string());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(Read(path), content);  // not overwritten
  const std::string stored = first.value().Encrypt("13812345678", "ad");
  EXPECT_EQ(second.value().Decrypt(stored, "ad").value(), "13812345678");
  EXPECT_EQ(first.value().BlindIndex("x", "p"), second.value().BlindIndex("x", "p"));
}

TEST_F(KeyFileTest, FileKeyEqualsFromKey) {
  const fs::path path = dir_ / "pii.key";
  Write(path, std::string(64, '0').replace(62, 2, "ff") + "\n", 0600);
  const auto from_file = Cipher::LoadOrCreateKeyFile(path.string());
  ASSERT_TRUE(from_file.ok()) << from_file.error().message;
  Cipher::Key key{};
  key[31] = 0xff;
  EXPECT_EQ(from_file.value().BlindIndex("x", "p"), Cipher::FromKey(key).BlindIndex("x", "p"));
}

TEST_F(KeyFileTest, AcceptsUpperCaseHexWithoutNewline) {
  const fs::path path = dir_ / "pii.key";
  Write(path, std::string(64, 'A'), 0400);
  const auto r = Cipher::LoadOrCreateKeyFile(path.string());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().BlindIndex("x", "p"), Cipher::FromKey(KeyOf(0xAA)).BlindIndex("x", "p"));
}

TEST_F(KeyFileTest, RefusesFilesOthersCanAccess) {
  for (mode_t mode : {0644, 0640, 0604, 0620, 0602, 0666}) {
    SCOPED_TRACE(mode);
    const fs::path path = dir_ / "pii.key";
    Write(path, std::string(64, 'a') + "\n", mode);
    const auto r = Cipher::LoadOrCreateKeyFile(path.string());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInternal);
    EXPECT_NE(r.error().message.find(path.string()), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("0600"), std::string::npos) << r.error().message;
    EXPECT_EQ(Read(path), std::string(64, 'a') + "\n");  // left alone
  }
}

TEST_F(KeyFileTest, RefusesMalformedFiles) {
  const std::vector<std::string> contents = {
      "",
      "\n",
      std::string(63, 'a') + "\n",
      std::string(65, 'a') + "\n",
      std::string(64, 'g') + "\n",
      std::string(64, 'a') + "\n\n",
      std::string(64, 'a') + "\r\n",
      " " + std::string(64, 'a') + "\n",
      std::string(64, 'a') + "\n" + std::string(64, 'b') + "\n",
  };
  for (const auto& content : contents) {
    SCOPED_TRACE(content);
    const fs::path path = dir_ / "pii.key";
    Write(path, content, 0600);
    const auto r = Cipher::LoadOrCreateKeyFile(path.string());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInternal);
    EXPECT_NE(r.error().message.find(path.string()), std::string::npos);
    EXPECT_NE(r.error().message.find("格式错误"), std::string::npos) << r.error().message;
  }
}

TEST_F(KeyFileTest, RefusesADirectory) {
  const fs::path path = dir_ / "pii.key";
  fs::create_directory(path);
  ::chmod(path.c_str(), 0700);
  const auto r = Cipher::LoadOrCreateKeyFile(path.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
  EXPECT_NE(r.error().message.find(path.string()), std::string::npos);
}

TEST_F(KeyFileTest, ReportsAnUncreatableDirectory) {
  const fs::path blocker = dir_ / "file";
  Write(blocker, "x", 0600);
  const fs::path path = blocker / "pii.key";  // parent is a regular file
  const auto r = Cipher::LoadOrCreateKeyFile(path.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
  EXPECT_NE(r.error().message.find(path.string()), std::string::npos);
}

}  // namespace
}  // namespace qizhi::platform::pii
