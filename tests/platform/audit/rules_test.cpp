#include "platform/audit/rules.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace qizhi::platform::audit {
namespace {

constexpr std::int64_t kTenant = 3;

AuditEntry Sample(std::int64_t seq) {
  AuditEntry e;
  e.tenant_id = kTenant;
  e.seq = seq;
  e.at = "2026-03-15T08:00:" + std::string(seq < 10 ? "0" : "") + std::to_string(seq % 60) + "Z";
  e.user_id = 100 + seq % 3;
  e.username = "user" + std::to_string(seq % 3);
  e.action = seq % 2 == 0 ? "update" : "read_full";
  e.record_type = "member";
  e.record_id = std::to_string(1000 + seq);
  e.before_json = R"({"phone":"138****5678"})";
  e.after_json = R"({"phone":"139****0000"})";
  e.result = "ok";
  e.ip = "10.0.0." + std::to_string(seq);
  return e;
}

// Links and hashes entries as the store does when appending.
void Seal(std::vector<AuditEntry>& entries, std::size_t from = 0) {
  for (std::size_t i = from; i < entries.size(); ++i) {
    entries[i].prev_hash = i == 0 ? std::string(kGenesisHash) : entries[i - 1].hash;
    entries[i].hash = ChainHash(entries[i]);
  }
}

std::vector<AuditEntry> Chain(int n) {
  std::vector<AuditEntry> entries;
  for (int seq = 1; seq <= n; ++seq) entries.push_back(Sample(seq));
  Seal(entries);
  return entries;
}

// Verifies against the head the store would hold for the untouched chain `original`.
std::optional<ChainBreak> Verify(const std::vector<AuditEntry>& entries,
                                 const std::vector<AuditEntry>& original) {
  return VerifyChain(entries, original.back().seq, original.back().hash);
}

void ExpectBreak(const std::optional<ChainBreak>& found, std::int64_t seq,
                 const std::string& reason) {
  ASSERT_TRUE(found.has_value()) << "expected a break at " << seq;
  EXPECT_EQ(found->tenant_id, kTenant);
  EXPECT_EQ(found->seq, seq);
  EXPECT_EQ(found->reason, reason);
}

TEST(ChainHashTest, IsLowerCaseHexSha256AndIgnoresTheHashField) {
  AuditEntry e = Sample(1);
  e.prev_hash = std::string(kGenesisHash);
  const std::string h = ChainHash(e);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(ChainHash(e), h);
  e.hash = "anything";
  EXPECT_EQ(ChainHash(e), h);
  EXPECT_EQ(kGenesisHash, std::string(64, '0'));
}

TEST(ChainHashTest, EveryFieldCounts) {
  const std::vector<std::pair<std::string, std::function<void(AuditEntry&)>>> edits = {
      {"tenant_id", [](AuditEntry& e) { e.tenant_id += 1; }},
      {"seq", [](AuditEntry& e) { e.seq += 1; }},
      {"at", [](AuditEntry& e) { e.at[0] = '1'; }},
      {"user_id", [](AuditEntry& e) { e.user_id = -e.user_id; }},
      {"username", [](AuditEntry& e) { e.username += "x"; }},
      {"action", [](AuditEntry& e) { e.action = "delete"; }},
      {"record_type", [](AuditEntry& e) { e.record_type = "user"; }},
      {"record_id", [](AuditEntry& e) { e.record_id = "1"; }},
      {"before_json", [](AuditEntry& e) { e.before_json = "{}"; }},
      {"after_json", [](AuditEntry& e) { e.after_json = ""; }},
      {"result", [](AuditEntry& e) { e.result = "denied"; }},
      {"ip", [](AuditEntry& e) { e.ip = "10.0.0.99"; }},
      {"prev_hash", [](AuditEntry& e) { e.prev_hash[63] = '1'; }},
  };
  AuditEntry base = Sample(5);
  base.prev_hash = std::string(kGenesisHash);
  for (const auto& [name, edit] : edits) {
    SCOPED_TRACE(name);
    AuditEntry changed = base;
    edit(changed);
    EXPECT_NE(ChainHash(changed), ChainHash(base));
  }
}

TEST(ChainHashTest, FieldBoundariesAreUnambiguous) {
  AuditEntry a = Sample(1);
  AuditEntry b = a;
  a.username = "ab";
  a.action = "c";
  b.username = "a";
  b.action = "bc";
  EXPECT_NE(ChainHash(a), ChainHash(b));
  a.before_json = "";
  a.after_json = "x";
  b = a;
  b.before_json = "x";
  b.after_json = "";
  EXPECT_NE(ChainHash(a), ChainHash(b));
}

TEST(VerifyChainTest, IntactChainPasses) {
  for (int n : {1, 2, 20}) {
    SCOPED_TRACE(n);
    const auto chain = Chain(n);
    EXPECT_EQ(Verify(chain, chain), std::nullopt);
  }
}

TEST(VerifyChainTest, EmptyChain) {
  EXPECT_EQ(VerifyChain({}, 0, kGenesisHash), std::nullopt);
  EXPECT_EQ(VerifyChain({}, 0, ""), std::nullopt);  // a head row not yet written
  const auto chain = Chain(3);
  const auto all_deleted = VerifyChain({}, 3, chain.back().hash);
  ASSERT_TRUE(all_deleted.has_value());
  EXPECT_EQ(all_deleted->seq, 1);
  EXPECT_EQ(all_deleted->reason, "第 1 至 3 条记录缺失");
}

TEST(VerifyChainTest, EditedFieldIsDetectedAtThatEntry) {
  const auto original = Chain(20);
  auto chain = original;
  chain[11].after_json = R"({"phone":"13900000001"})";
  ExpectBreak(Verify(chain, original), 12, "第 12 条记录内容被修改");

  chain = original;
  chain[0].username = "someone_else";
  ExpectBreak(Verify(chain, original), 1, "第 1 条记录内容被修改");

  chain = original;
  chain[19].result = "ok ";
  ExpectBreak(Verify(chain, original), 20, "第 20 条记录内容被修改");
}

TEST(VerifyChainTest, EditedPrevHashIsDetected) {
  const auto original = Chain(20);
  auto chain = original;
  chain[6].prev_hash = chain[4].hash;  // points past entry 6
  ExpectBreak(Verify(chain, original), 7, "第 7 条记录内容被修改");

  chain = original;
  chain[0].prev_hash = chain[19].hash;
  ExpectBreak(Verify(chain, original), 1, "第 1 条记录内容被修改");
}

TEST(VerifyChainTest, EditWithRecomputedHashBreaksTheNextLink) {
  const auto original = Chain(20);
  auto chain = original;
  chain[6].action = "read";
  chain[6].hash = ChainHash(chain[6]);  // the forger knows the algorithm
  ExpectBreak(Verify(chain, original), 8, "第 8 条记录与前一条记录不衔接");
}

TEST(VerifyChainTest, RebuiltChainStillDiffersFromTheHead) {
  const auto original = Chain(20);
  auto chain = original;
  chain[6].action = "read";
  Seal(chain, 6);  // every later hash recomputed, but the separately kept head is not
  ExpectBreak(Verify(chain, original), 20, "第 20 条记录与链头记录不符");
}

TEST(VerifyChainTest, DeletionIsDetected) {
  const auto original = Chain(20);
  struct Case {
    std::vector<int> deleted;  // 1-based seq numbers
    std::int64_t seq;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {{7}, 8, "第 8 条之前的记录缺失"},
      {{7, 8, 9}, 10, "第 10 条之前的记录缺失"},
      {{1}, 2, "第 2 条之前的记录缺失"},
      {{20}, 20, "第 20 条记录缺失"},  // the newest row: only the head shows it
      {{18, 19, 20}, 18, "第 18 至 20 条记录缺失"},
      {{3, 20}, 4, "第 4 条之前的记录缺失"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.reason);
    std::vector<AuditEntry> chain;
    for (const auto& e : original) {
      if (std::find(c.deleted.begin(), c.deleted.end(), e.seq) == c.deleted.end()) {
        chain.push_back(e);
      }
    }
    ExpectBreak(Verify(chain, original), c.seq, c.reason);
  }
}

TEST(VerifyChainTest, SwappedRowsAreDetected) {
  const auto original = Chain(20);
  // Contents of 5 and 6 exchanged, each keeping its position's seq (an UPDATE of seq columns).
  auto chain = original;
  std::swap(chain[4], chain[5]);
  std::swap(chain[4].seq, chain[5].seq);
  ExpectBreak(Verify(chain, original), 5, "第 5 条记录内容被修改");

  // Rows handed over out of order: 6 arrives where 5 was expected.
  chain = original;
  std::swap(chain[4], chain[5]);
  ExpectBreak(Verify(chain, original), 6, "第 6 条之前的记录缺失");
}

TEST(VerifyChainTest, DuplicateAndForeignRowsAreDetected) {
  const auto original = Chain(20);
  auto chain = original;
  chain.insert(chain.begin() + 5, original[4]);
  ExpectBreak(Verify(chain, original), 5, "第 5 条记录序号重复或顺序错乱");

  chain = original;
  chain[9].tenant_id = kTenant + 1;
  chain[9].hash = ChainHash(chain[9]);
  ExpectBreak(Verify(chain, original), 10, "第 10 条记录属于其他单位");
}

TEST(VerifyChainTest, RowsBeyondTheHeadAreDetected) {
  const auto chain = Chain(20);
  const auto found = VerifyChain(chain, 18, chain[17].hash);
  ExpectBreak(found, 19, "第 19 条起的记录不在链头记录范围内");
}

TEST(VerifyChainTest, HeadHashMismatchIsDetected) {
  const auto chain = Chain(20);
  ExpectBreak(VerifyChain(chain, 20, chain[18].hash), 20, "第 20 条记录与链头记录不符");
  ExpectBreak(VerifyChain(chain, 20, ""), 20, "第 20 条记录与链头记录不符");
}

TEST(ChainVerifierTest, StreamsAndReportsEveryBreak) {
  const auto original = Chain(20);
  auto chain = original;
  chain[2].ip = "192.168.1.1";
  chain[8].before_json = "{}";
  ChainVerifier verifier(kTenant);
  std::vector<std::int64_t> breaks;
  for (const auto& e : chain) {
    if (auto found = verifier.Add(e)) {
      EXPECT_EQ(found->tenant_id, kTenant);
      breaks.push_back(found->seq);
    }
  }
  EXPECT_EQ(breaks, (std::vector<std::int64_t>{3, 9}));
  EXPECT_EQ(verifier.checked(), 20);
  EXPECT_EQ(verifier.Finish(20, original.back().hash), std::nullopt);
}

TEST(ChainVerifierTest, IntactStreamFinishesCleanly) {
  const auto chain = Chain(1000);
  ChainVerifier verifier(kTenant);
  EXPECT_EQ(verifier.checked(), 0);
  for (const auto& e : chain) ASSERT_EQ(verifier.Add(e), std::nullopt) << e.seq;
  EXPECT_EQ(verifier.checked(), 1000);
  EXPECT_EQ(verifier.Finish(1000, chain.back().hash), std::nullopt);
}

}  // namespace
}  // namespace qizhi::platform::audit
