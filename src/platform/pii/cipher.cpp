#include "platform/pii/cipher.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <vector>

namespace qizhi::platform::pii {
namespace {

// crypto_kdf takes exactly 8 context bytes; "qizhi-pii" would be silently cut to "qizhi-pi",
// so the context is spelled to fit. Changing it changes every derived key.
constexpr char kKdfContext[] = "qizhipii";
static_assert(sizeof kKdfContext - 1 == crypto_kdf_CONTEXTBYTES);
constexpr std::uint64_t kEncryptionSubkeyId = 1;
constexpr std::uint64_t kBlindIndexSubkeyId = 2;
static_assert(Cipher::kKeyBytes == crypto_kdf_KEYBYTES);
static_assert(Cipher::kKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(Cipher::kKeyBytes >= crypto_generichash_KEYBYTES_MIN);

constexpr std::string_view kVersionPrefix = "v1:";
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kBlindIndexBytes = 32;
constexpr int kBase64Variant = sodium_base64_VARIANT_ORIGINAL;
constexpr std::size_t kKeyHexChars = 2 * Cipher::kKeyBytes;

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Without a working libsodium there is no safe random source; continuing would be worse.
    if (sodium_init() < 0) std::abort();
  });
}

// libsodium is handed a non-null pointer even for empty input.
const unsigned char* Bytes(std::string_view s) {
  static constexpr unsigned char kEmpty[1] = {0};
  return s.empty() ? kEmpty : reinterpret_cast<const unsigned char*>(s.data());
}

Error KeyFileError(const std::string& path, const std::string& what) {
  return Error{ErrorCode::kInternal, "密钥文件 " + path + " " + what, ""};
}

std::string ErrnoText() { return std::strerror(errno); }

// Closes the descriptor on every return path.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

Result<Cipher::Key> ReadKeyFile(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return KeyFileError(path, "无法读取：" + ErrnoText());
  if (!S_ISREG(st.st_mode)) return KeyFileError(path, "不是普通文件");
  // Group or other access would let another account on the server read or replace the key.
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return KeyFileError(path, "权限过宽，应为 0600（仅属主可读写）");
  }
  char buf[kKeyHexChars + 8];
  std::size_t len = 0;
  while (len < sizeof buf) {
    const ssize_t n = ::read(fd, buf + len, sizeof buf - len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return KeyFileError(path, "无法读取：" + ErrnoText());
    if (n == 0) break;
    len += static_cast<std::size_t>(n);
  }
  std::string_view text(buf, len);
  if (text.size() == kKeyHexChars + 1 && text.back() == '\n') text.remove_suffix(1);
  bool well_formed = text.size() == kKeyHexChars;
  for (char c : text) well_formed = well_formed && IsHex(c);
  Cipher::Key key{};
  std::size_t key_len = 0;
  const bool decoded = well_formed &&
                       sodium_hex2bin(key.data(), key.size(), text.data(), text.size(), nullptr,
                                      &key_len, nullptr) == 0 &&
                       key_len == key.size();
  sodium_memzero(buf, sizeof buf);
  if (!decoded) return KeyFileError(path, "格式错误，应为 64 个十六进制字符加换行");
  return key;
}

// Missing directories are created 0700: the key's directory is nobody else's business either.
std::optional<Error> CreateParentDirectories(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::filesystem::path prefix;
  for (const auto& part : parent) {
    prefix /= part;
    if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST) {
      return KeyFileError(path, "的目录无法创建：" + ErrnoText());
    }
  }
  return std::nullopt;
}

// nullopt when another process created the file first (the caller then reads theirs).
Result<std::optional<Cipher::Key>> CreateKeyFile(const std::string& path) {
  if (auto error = CreateParentDirectories(path)) return *error;
  Cipher::Key key{};
  randombytes_buf(key.data(), key.size());
  char hex[kKeyHexChars + 1];
  sodium_bin2hex(hex, sizeof hex, key.data(), key.size());
  hex[kKeyHexChars] = '\n';  // replaces the terminating NUL: the file holds no NUL

  // O_EXCL: never overwrite a key that appeared meanwhile, which would orphan its ciphertexts.
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0) {
    if (errno == EEXIST) return std::optional<Cipher::Key>{};
    return KeyFileError(path, "无法创建：" + ErrnoText());
  }
  std::size_t written = 0;
  while (written < sizeof hex) {
    const ssize_t n = ::write(fd.get(), hex + written, sizeof hex - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  sodium_memzero(hex, sizeof hex);
  // A half-written key must not survive: the next start would refuse it, or worse, accept it.
  if (written != sizeof hex || ::fsync(fd.get()) != 0) {
    const std::string reason = ErrnoText();
    ::unlink(path.c_str());
    return KeyFileError(path, "写入失败：" + reason);
  }
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  Fd dir(::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());  // best effort: the entry survives a power cut
  return std::optional<Cipher::Key>{key};
}

}  // namespace

Result<Cipher> Cipher::LoadOrCreateKeyFile(const std::string& path) {
  EnsureSodium();
  // Two rounds: if a concurrent process wins the O_EXCL race, the second round reads its key.
  for (int round = 0; round < 2; ++round) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() >= 0) {
      auto key = ReadKeyFile(fd.get(), path);
      if (!key.ok()) return key.errors();
      Cipher cipher(key.value());
      sodium_memzero(key.value().data(), key.value().size());
      return cipher;
    }
    if (errno != ENOENT) return KeyFileError(path, "无法打开：" + ErrnoText());
    auto created = CreateKeyFile(path);
    if (!created.ok()) return created.errors();
    if (created.value().has_value()) {
      Cipher cipher(*created.value());
      sodium_memzero(created.value()->data(), created.value()->size());
      return cipher;
    }
  }
  return KeyFileError(path, "无法打开：文件在读取时被删除");
}

Cipher Cipher::FromKey(Key master_key) {
  Cipher cipher(master_key);
  sodium_memzero(master_key.data(), master_key.size());
  return cipher;
}

Cipher::Cipher(const Key& master_key) {
  EnsureSodium();
  crypto_kdf_derive_from_key(encryption_key_.data(), encryption_key_.size(), kEncryptionSubkeyId,
                             kKdfContext, master_key.data());
  crypto_kdf_derive_from_key(index_key_.data(), index_key_.size(), kBlindIndexSubkeyId, kKdfContext,
                             master_key.data());
}

Cipher::~Cipher() {
  sodium_memzero(encryption_key_.data(), encryption_key_.size());
  sodium_memzero(index_key_.data(), index_key_.size());
}

std::string Cipher::Encrypt(std::string_view plaintext, std::string_view associated_data) const {
  std::vector<unsigned char> sealed(kNonceBytes + plaintext.size() + kTagBytes);
  randombytes_buf(sealed.data(), kNonceBytes);
  unsigned long long sealed_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(sealed.data() + kNonceBytes, &sealed_len,
                                             Bytes(plaintext), plaintext.size(),
                                             Bytes(associated_data), associated_data.size(),
                                             nullptr, sealed.data(), encryption_key_.data());

  const std::size_t b64_size = sodium_base64_ENCODED_LEN(sealed.size(), kBase64Variant);
  std::string out(kVersionPrefix);
  out.resize(kVersionPrefix.size() + b64_size);
  sodium_bin2base64(out.data() + kVersionPrefix.size(), b64_size, sealed.data(), sealed.size(),
                    kBase64Variant);
  out.resize(out.size() - 1);  // drop the NUL that sodium_bin2base64 writes
  return out;
}

Result<std::string> Cipher::Decrypt(std::string_view stored,
                                    std::string_view associated_data) const {
  const Error unreadable{ErrorCode::kInternal, "加密数据格式无法识别", ""};
  if (stored.substr(0, kVersionPrefix.size()) != kVersionPrefix) return unreadable;
  const std::string_view b64 = stored.substr(kVersionPrefix.size());
  std::vector<unsigned char> sealed(b64.size() / 4 * 3 + 3);
  std::size_t sealed_len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(sealed.data(), sealed.size(), b64.data(), b64.size(), nullptr, &sealed_len,
                        &end, kBase64Variant) != 0 ||
      end != b64.data() + b64.size() || sealed_len < kNonceBytes + kTagBytes) {
    return unreadable;
  }
  std::string plaintext(sealed_len - kNonceBytes - kTagBytes, '\0');
  unsigned long long plaintext_len = 0;
  // The output pointer must be valid even for an empty plaintext.
  unsigned char empty_out[1];
  unsigned char* out =
      plaintext.empty() ? empty_out : reinterpret_cast<unsigned char*>(plaintext.data());
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          out, &plaintext_len, nullptr, sealed.data() + kNonceBytes, sealed_len - kNonceBytes,
          Bytes(associated_data), associated_data.size(), sealed.data(),
          encryption_key_.data()) != 0) {
    return Error{ErrorCode::kInternal, "加密数据无法解密：密钥不符或数据被篡改", ""};
  }
  return plaintext;
}

std::string Cipher::BlindIndex(std::string_view normalized_value, std::string_view purpose) const {
  crypto_generichash_state state;
  crypto_generichash_init(&state, index_key_.data(), index_key_.size(), kBlindIndexBytes);
  // The NUL separator keeps ("ab", "c") and ("a", "bc") apart.
  const unsigned char separator = 0;
  crypto_generichash_update(&state, Bytes(purpose), purpose.size());
  crypto_generichash_update(&state, &separator, 1);
  crypto_generichash_update(&state, Bytes(normalized_value), normalized_value.size());
  unsigned char digest[kBlindIndexBytes];
  crypto_generichash_final(&state, digest, sizeof digest);
  char hex[2 * kBlindIndexBytes + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, 2 * kBlindIndexBytes);
}

}  // namespace qizhi::platform::pii
