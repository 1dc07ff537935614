// Jobs: long work (an import of 10,000-100,000 rows, a large export) runs on a runner thread
// while the client polls its percent and shows it as a progress bar, then reads the result or
// the error rows.
//
// Jobs live in memory, not in the database, on purpose: an import holds SQLite's single write
// transaction while it runs, so no other connection could write its progress to the database
// until it had finished. After a restart an unfinished job is gone, and since its transaction
// never committed, so is its partial work: the client's poll gets 404 and it starts the import
// again. A finished job is kept (the `keep_finished` most recently finished) so the client can
// read its result; older ones are dropped and likewise read as 404.
//
// A job is visible only to the user (and tenant) that started it: Find returns nullopt for
// anyone else, which the route reports as 404 so a job id reveals nothing.
// Thread safety: every JobRunner method may be called from any thread.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/core/result.hpp"

namespace qizhi::platform::jobs {

// What a client sees of a job (ToJson leaves out the tenant and user).
struct JobView {
  std::string id;     // 32 hex characters, random (128 bits)
  std::string kind;   // what the job does, e.g. "party.members.import"
  int64_t tenant_id = 0;
  int64_t user_id = 0;
  std::string state;  // "running" (also while waiting for a runner thread) | "done" | "failed"
  int percent = 0;    // 0-99 while running, 100 when done; a failed job keeps its last percent
  nlohmann::json result;                           // done: what the work returned; else null
  nlohmann::json errors = nlohmann::json::array();  // failed: [{field, message}] or Fail's rows
  std::string created_at;   // UTC ISO 8601 (platform/core/clock.hpp)
  std::string finished_at;  // empty while running
};

// {id, kind, state, percent, result, errors, created_at, finished_at}: the body of a job poll.
nlohmann::json ToJson(const JobView& job);

class JobRunner;

// Handed to the work: reports progress, tells it when to stop, carries rich error rows.
// Used only on the job's own thread, during the work.
class Progress {
 public:
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Percent done, clamped to 0..99 (100 is set by the runner when the work returns ok, so a bar
  // never shows 100 for a job that can still fail). Cheap to call per row: takes the lock only
  // when the value changes.
  void Set(int percent);
  // True once the runner is being destroyed (the server is stopping): long work may return
  // early with an error; its transaction rolls back, as it would after a crash.
  bool cancelled() const;
  // Makes the job fail with these error rows, e.g. an import's
  // [{"line": 12, "column": "身份证号", "field": "id_number", "message": "身份证号校验位错误"}],
  // whatever the work then returns; a second call replaces the rows. Returns an Error so the
  // work can write `return progress.Fail(rows);`.
  Error Fail(nlohmann::json errors);

 private:
  friend class JobRunner;
  struct Job;
  Progress(JobRunner& runner, Job& job) : runner_(runner), job_(job) {}
  JobRunner& runner_;
  Job& job_;
  int last_ = -1;
};

class JobRunner {
 public:
  using Work = std::function<Result<nlohmann::json>(Progress&)>;

  // `threads` runner threads (at least one; jobs beyond them wait their turn, shown as running
  // at 0%). One suits SQLite, where imports would wait for each other's write lock anyway.
  explicit JobRunner(size_t threads = 1, size_t keep_finished = 200);
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;
  // Sets cancelled() for running work and waits for it to return; jobs still waiting for a
  // thread never start. No Start may be called once destruction has begun.
  ~JobRunner();

  // Queues `work` and returns the new job's id at once. When the work returns a value the job
  // is done (percent 100, result = the value); when it returns errors the job fails with
  // errors = [{field, message}] (or the rows given to Progress::Fail); when it throws, the job
  // fails with [{field: "", message: "导入过程中发生内部错误"}] and the exception is logged.
  std::string Start(std::string kind, int64_t tenant_id, int64_t user_id, Work work);

  // A copy of the job as it is now; nullopt when there is no such job, it was dropped, or it
  // belongs to another tenant or user.
  std::optional<JobView> Find(const std::string& id, int64_t tenant_id, int64_t user_id) const;

  // Jobs not finished yet: running, or waiting for a runner thread.
  size_t Running() const;

 private:
  friend class Progress;
  using Job = Progress::Job;

  void Loop();
  void Run(const std::shared_ptr<Job>& job);
  void Finish(Job& job, Result<nlohmann::json> outcome);

  const size_t keep_finished_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;                                         // guarded by mutex_
  std::atomic<bool> cancelled_{false};                            // read by Progress without the lock
  std::unordered_map<std::string, std::shared_ptr<Job>> jobs_;    // guarded by mutex_
  std::deque<std::shared_ptr<Job>> queue_;                        // guarded by mutex_
  std::deque<std::string> finished_;  // ids, oldest finish first; guarded by mutex_
  std::vector<std::thread> threads_;
};

}  // namespace qizhi::platform::jobs
