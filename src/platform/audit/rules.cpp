#include "platform/audit/rules.hpp"

#include <sodium.h>

#include <cstdlib>
#include <mutex>

namespace qizhi::platform::audit {
namespace {

// Version tag first, so a later encoding can never produce the same bytes as this one.
constexpr std::string_view kEncodingTag = "qizhi-audit-chain-v1";

void PutUint64(crypto_hash_sha256_state& state, std::uint64_t v) {
  unsigned char be[8];
  for (int i = 7; i >= 0; --i) {
    be[i] = static_cast<unsigned char>(v & 0xFF);
    v >>= 8;
  }
  crypto_hash_sha256_update(&state, be, sizeof be);
}

void PutInt(crypto_hash_sha256_state& state, std::int64_t v) {
  PutUint64(state, static_cast<std::uint64_t>(v));  // two's complement, big-endian
}

void PutString(crypto_hash_sha256_state& state, std::string_view s) {
  PutUint64(state, s.size());
  static constexpr unsigned char kEmpty[1] = {0};
  crypto_hash_sha256_update(
      &state, s.empty() ? kEmpty : reinterpret_cast<const unsigned char*>(s.data()), s.size());
}

void EnsureSodium() {
  static std::once_flag once;
  // libsodium asks for sodium_init() before any other call; failure means a broken install.
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();
  });
}

std::string Seq(std::int64_t seq) { return "第 " + std::to_string(seq) + " 条"; }

}  // namespace

std::string ChainHash(const AuditEntry& e) {
  EnsureSodium();
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  PutString(state, kEncodingTag);
  PutInt(state, e.tenant_id);
  PutInt(state, e.seq);
  PutString(state, e.at);
  PutInt(state, e.user_id);
  PutString(state, e.username);
  PutString(state, e.action);
  PutString(state, e.record_type);
  PutString(state, e.record_id);
  PutString(state, e.before_json);
  PutString(state, e.after_json);
  PutString(state, e.result);
  PutString(state, e.ip);
  PutString(state, e.prev_hash);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, 2 * crypto_hash_sha256_BYTES);
}

ChainVerifier::ChainVerifier(std::int64_t tenant_id) : tenant_id_(tenant_id) {}

ChainBreak ChainVerifier::Break(std::int64_t seq, std::string reason) const {
  return ChainBreak{tenant_id_, seq, std::move(reason)};
}

std::optional<ChainBreak> ChainVerifier::Add(const AuditEntry& entry) {
  ++checked_;
  const std::int64_t expected_seq = last_seq_ + 1;
  std::optional<ChainBreak> found;
  if (entry.tenant_id != tenant_id_) {
    found = Break(entry.seq, Seq(entry.seq) + "记录属于其他单位");
  } else if (entry.seq > expected_seq) {
    found = Break(entry.seq, Seq(entry.seq) + "之前的记录缺失");
  } else if (entry.seq < expected_seq) {
    found = Break(entry.seq, Seq(entry.seq) + "记录序号重复或顺序错乱");
  } else if (ChainHash(entry) != entry.hash) {
    // Covers prev_hash too: it is part of the hashed content.
    found = Break(entry.seq, Seq(entry.seq) + "记录内容被修改");
  } else if (entry.prev_hash != last_hash_) {
    // The entry is self-consistent but does not follow its predecessor: one of the two was
    // rewritten with a recomputed hash, or an entry was replaced.
    found = Break(entry.seq, Seq(entry.seq) + "记录与前一条记录不衔接");
  }
  // Resume from this entry either way, so later breaks are reported against it.
  last_seq_ = entry.seq;
  last_hash_ = entry.hash;
  return found;
}

std::optional<ChainBreak> ChainVerifier::Finish(std::int64_t expected_last_seq,
                                                std::string_view expected_last_hash) {
  if (last_seq_ < expected_last_seq) {
    const std::int64_t first_missing = last_seq_ + 1;
    if (first_missing == expected_last_seq) {
      return Break(first_missing, Seq(first_missing) + "记录缺失");
    }
    return Break(first_missing, "第 " + std::to_string(first_missing) + " 至 " +
                                    std::to_string(expected_last_seq) + " 条记录缺失");
  }
  if (last_seq_ > expected_last_seq) {
    return Break(expected_last_seq + 1, Seq(expected_last_seq + 1) + "起的记录不在链头记录范围内");
  }
  const bool empty_head = last_seq_ == 0 && expected_last_hash.empty();
  if (!empty_head && last_hash_ != expected_last_hash) {
    return Break(last_seq_, Seq(last_seq_) + "记录与链头记录不符");
  }
  return std::nullopt;
}

std::optional<ChainBreak> VerifyChain(std::span<const AuditEntry> entries,
                                      std::int64_t expected_last_seq,
                                      std::string_view expected_last_hash) {
  ChainVerifier verifier(entries.empty() ? 0 : entries.front().tenant_id);
  for (const AuditEntry& entry : entries) {
    if (auto found = verifier.Add(entry)) return found;
  }
  return verifier.Finish(expected_last_seq, expected_last_hash);
}

}  // namespace qizhi::platform::audit
