// The hash chain that makes the append-only audit log tamper-evident.
// Each tenant's entries are numbered 1, 2, 3…; every entry stores the hash of the one before
// (kGenesisHash for entry 1) and its own hash over all its fields, and the newest seq and hash
// are kept separately as the chain head. Editing, inserting, reordering or deleting any entry,
// including the newest ones, then breaks a link that VerifyChain / ChainVerifier report.
// This detects tampering by anyone who cannot also rewrite every later hash and the head, and
// proves nothing more: a database owner can rebuild the whole chain (hence exports of heads).
// Pure functions and a value type; ChainHash is thread-safe, a ChainVerifier belongs to one thread.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace qizhi::platform::audit {

struct AuditEntry {
  std::int64_t tenant_id = 0;
  std::int64_t seq = 0;  // 1, 2, 3… within the tenant
  std::string at;        // UTC ISO 8601
  std::int64_t user_id = 0;
  std::string username;
  std::string action;  // e.g. "create", "update", "read_full"
  std::string record_type;
  std::string record_id;
  std::string before_json;
  std::string after_json;
  std::string result;  // e.g. "ok", "denied"
  std::string ip;
  std::string prev_hash;  // hash of entry seq-1, kGenesisHash for seq 1
  std::string hash;       // ChainHash(*this)
};

// prev_hash of the first entry, and the head of an empty chain.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Lower-case hex SHA-256 over every field except `hash`, each length-prefixed (so "ab","c" and
// "a","bc" differ), behind a version tag. Changing this encoding invalidates every stored chain.
std::string ChainHash(const AuditEntry& entry);

struct ChainBreak {
  std::int64_t tenant_id = 0;
  std::int64_t seq = 0;  // where the break was found
  std::string reason;    // Chinese, e.g. "第 12 条记录内容被修改"
};

// Checks the entries of one tenant, ordered by seq, against the stored head (expected_last_seq,
// expected_last_hash; 0 and kGenesisHash, or an empty hash, for an empty log). Returns the first
// break, or nullopt when the chain is intact.
std::optional<ChainBreak> VerifyChain(std::span<const AuditEntry> entries,
                                      std::int64_t expected_last_seq,
                                      std::string_view expected_last_hash);

// The same check one entry at a time, so a store can stream millions of rows in constant memory.
// After a break, checking resumes from the offending entry, so a caller may list every break
// instead of stopping at the first.
class ChainVerifier {
 public:
  explicit ChainVerifier(std::int64_t tenant_id);

  std::optional<ChainBreak> Add(const AuditEntry& entry);
  // Compares the last entry added with the stored head; call once, after the last Add.
  std::optional<ChainBreak> Finish(std::int64_t expected_last_seq,
                                   std::string_view expected_last_hash);
  std::int64_t checked() const { return checked_; }  // entries passed to Add

 private:
  ChainBreak Break(std::int64_t seq, std::string reason) const;

  std::int64_t tenant_id_;
  std::int64_t last_seq_ = 0;
  std::string last_hash_{kGenesisHash};
  std::int64_t checked_ = 0;
};

}  // namespace qizhi::platform::audit
