#include "platform/jobs/jobs.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <utility>

#include "platform/core/clock.hpp"

namespace qizhi::platform::jobs {

struct Progress::Job {
  JobView view;                              // guarded by the runner's mutex_
  JobRunner::Work work;                      // moved out by the thread that runs it
  std::optional<nlohmann::json> fail_rows;   // set by Progress::Fail; guarded by mutex_
  std::chrono::steady_clock::time_point started{};  // for the log line; runner thread only
};

namespace {

constexpr const char* kInternalMessage = "导入过程中发生内部错误";

std::string NewJobId() {
  static std::once_flag once;
  // libsodium asks for sodium_init() before any other call; failure means a broken install.
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();
  });
  unsigned char raw[16];
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

nlohmann::json ErrorRows(const Errors& errors) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& e : errors) rows.push_back({{"field", e.field}, {"message", e.message}});
  return rows;
}

}  // namespace

nlohmann::json ToJson(const JobView& job) {
  return {{"id", job.id},
          {"kind", job.kind},
          {"state", job.state},
          {"percent", job.percent},
          {"result", job.result},
          {"errors", job.errors},
          {"created_at", job.created_at},
          {"finished_at", job.finished_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(job.finished_at)}};
}

void Progress::Set(int percent) {
  const int p = std::clamp(percent, 0, 99);
  if (p == last_) return;
  last_ = p;
  std::lock_guard lock(runner_.mutex_);
  job_.view.percent = p;
}

bool Progress::cancelled() const { return runner_.cancelled_.load(std::memory_order_relaxed); }

Error Progress::Fail(nlohmann::json errors) {
  if (!errors.is_array()) errors = nlohmann::json::array({std::move(errors)});
  {
    std::lock_guard lock(runner_.mutex_);
    job_.fail_rows = std::move(errors);
  }
  return Error{ErrorCode::kInvalid, "处理失败，请查看错误明细", ""};
}

JobRunner::JobRunner(size_t threads, size_t keep_finished) : keep_finished_(keep_finished) {
  threads = std::max<size_t>(threads, 1);
  threads_.reserve(threads);
  try {
    for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
  } catch (...) {
    // A thread could not start: stop the ones that did, or their destructors would terminate.
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
    throw;
  }
}

JobRunner::~JobRunner() {
  std::deque<std::shared_ptr<Job>> never_started;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    cancelled_ = true;
    never_started.swap(queue_);  // their work is destroyed below, outside the lock
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

std::string JobRunner::Start(std::string kind, int64_t tenant_id, int64_t user_id, Work work) {
  auto job = std::make_shared<Job>();
  job->view.id = NewJobId();
  job->view.kind = std::move(kind);
  job->view.tenant_id = tenant_id;
  job->view.user_id = user_id;
  job->view.state = "running";
  job->view.created_at = NowUtc();
  job->work = std::move(work);
  std::string id = job->view.id;
  {
    std::lock_guard lock(mutex_);
    jobs_.emplace(id, job);
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return id;
}

std::optional<JobView> JobRunner::Find(const std::string& id, int64_t tenant_id, int64_t user_id) const {
  std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  const JobView& view = it->second->view;
  if (view.tenant_id != tenant_id || view.user_id != user_id) return std::nullopt;
  return view;
}

size_t JobRunner::Running() const {
  std::lock_guard lock(mutex_);
  return jobs_.size() - finished_.size();  // every finished id is still in jobs_
}

void JobRunner::Loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    std::shared_ptr<Job> job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    Run(job);
    lock.lock();
  }
}

void JobRunner::Run(const std::shared_ptr<Job>& job) {
  Work work = std::move(job->work);  // only this thread touches work once the job is dequeued
  job->started = std::chrono::steady_clock::now();
  Progress progress(*this, *job);
  std::optional<Result<nlohmann::json>> outcome;
  try {
    outcome.emplace(work(progress));
  } catch (const std::exception& e) {
    spdlog::error("event=job_exception kind={} job={} error=\"{}\"", job->view.kind, job->view.id, e.what());
  } catch (...) {
    spdlog::error("event=job_exception kind={} job={} error=\"unknown exception\"", job->view.kind, job->view.id);
  }
  if (!outcome) {
    // The rows of a Fail before the throw may describe only part of what went wrong: the
    // internal error replaces them.
    {
      std::lock_guard lock(mutex_);
      job->fail_rows.reset();
    }
    outcome.emplace(Error{ErrorCode::kInternal, kInternalMessage, ""});
  }
  Finish(*job, std::move(*outcome));
}

void JobRunner::Finish(Job& job, Result<nlohmann::json> outcome) {
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - job.started).count();
  std::lock_guard lock(mutex_);
  JobView& view = job.view;
  view.finished_at = NowUtc();
  if (job.fail_rows) {
    view.state = "failed";
    view.errors = std::move(*job.fail_rows);
    job.fail_rows.reset();
  } else if (outcome.ok()) {
    view.state = "done";
    view.percent = 100;
    view.result = std::move(outcome).value();
  } else {
    view.state = "failed";
    view.errors = ErrorRows(outcome.errors());
  }
  spdlog::info("event=job_finished kind={} job={} state={} ms={}", view.kind, view.id, view.state, ms);
  finished_.push_back(view.id);
  while (finished_.size() > keep_finished_) {
    jobs_.erase(finished_.front());
    finished_.pop_front();
  }
}

}  // namespace qizhi::platform::jobs
