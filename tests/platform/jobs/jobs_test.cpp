#include "platform/jobs/jobs.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <stdexcept>
#include <thread>

namespace qizhi::platform::jobs {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr int64_t kTenant = 1;
constexpr int64_t kUser = 7;

// Polls until the job has finished (tests only; the runner itself never polls).
JobView WaitFinished(const JobRunner& runner, const std::string& id) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  for (;;) {
    auto job = runner.Find(id, kTenant, kUser);
    if (!job) ADD_FAILURE() << "job " << id << " not found";
    if (!job || job->state != "running") return job.value_or(JobView{});
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "job " << id << " did not finish";
      return *job;
    }
    std::this_thread::sleep_for(1ms);
  }
}

TEST(JobsTest, ProgressIsVisibleWhileRunning) {
  JobRunner runner;
  std::promise<void> reached;
  std::promise<void> release;
  auto released = release.get_future().share();
  const std::string id = runner.Start("party.members.import", kTenant, kUser, [&](Progress& p) -> Result<json> {
    p.Set(42);
    reached.set_value();
    released.wait();
    return json{{"created", 3}};
  });
  reached.get_future().wait();
  auto job = runner.Find(id, kTenant, kUser);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->id, id);
  EXPECT_EQ(job->kind, "party.members.import");
  EXPECT_EQ(job->state, "running");
  EXPECT_EQ(job->percent, 42);
  EXPECT_TRUE(job->result.is_null());
  EXPECT_FALSE(job->created_at.empty());
  EXPECT_TRUE(job->finished_at.empty());
  EXPECT_EQ(runner.Running(), 1u);
  EXPECT_TRUE(ToJson(*job)["finished_at"].is_null());
  release.set_value();
  job = WaitFinished(runner, id);
  EXPECT_EQ(job->state, "done");
  EXPECT_EQ(runner.Running(), 0u);
}

TEST(JobsTest, PercentIsClampedWhileRunning) {
  JobRunner runner;
  std::promise<void> step;
  std::promise<void> go_on;
  std::promise<void> step2;
  std::promise<void> finish;
  auto go_on_f = go_on.get_future().share();
  auto finish_f = finish.get_future().share();
  const std::string id = runner.Start("k", kTenant, kUser, [&](Progress& p) -> Result<json> {
    p.Set(150);
    step.set_value();
    go_on_f.wait();
    p.Set(-5);
    step2.set_value();
    finish_f.wait();
    return json::object();
  });
  step.get_future().wait();
  EXPECT_EQ(runner.Find(id, kTenant, kUser)->percent, 99);  // 100 only once done
  go_on.set_value();
  step2.get_future().wait();
  EXPECT_EQ(runner.Find(id, kTenant, kUser)->percent, 0);
  finish.set_value();
  EXPECT_EQ(WaitFinished(runner, id).percent, 100);
}

TEST(JobsTest, DoneCarriesTheResult) {
  JobRunner runner;
  const std::string id = runner.Start("party.members.import", kTenant, kUser, [](Progress& p) -> Result<json> {
    p.Set(50);
    return json{{"created", 120}, {"updated", 3}};
  });
  const JobView job = WaitFinished(runner, id);
  EXPECT_EQ(job.state, "done");
  EXPECT_EQ(job.percent, 100);
  EXPECT_EQ(job.result, (json{{"created", 120}, {"updated", 3}}));
  EXPECT_EQ(job.errors, json::array());
  EXPECT_FALSE(job.finished_at.empty());
  EXPECT_GE(job.finished_at, job.created_at);

  const json body = ToJson(job);
  EXPECT_EQ(body["id"], id);
  EXPECT_EQ(body["state"], "done");
  EXPECT_EQ(body["percent"], 100);
  EXPECT_EQ(body["result"]["created"], 120);
  EXPECT_EQ(body["finished_at"], job.finished_at);
  EXPECT_FALSE(body.contains("tenant_id"));
  EXPECT_FALSE(body.contains("user_id"));
}

TEST(JobsTest, ErrorsMakeItFail) {
  JobRunner runner;
  const std::string id = runner.Start("k", kTenant, kUser, [](Progress& p) -> Result<json> {
    p.Set(30);
    return Errors{Invalid("file", "文件不是 .xlsx 格式"), Invalid("", "没有数据行")};
  });
  const JobView job = WaitFinished(runner, id);
  EXPECT_EQ(job.state, "failed");
  EXPECT_EQ(job.percent, 30);  // the bar stops where the work stopped
  EXPECT_TRUE(job.result.is_null());
  EXPECT_EQ(job.errors, (json::array({{{"field", "file"}, {"message", "文件不是 .xlsx 格式"}},
                                      {{"field", ""}, {"message", "没有数据行"}}})));
}

TEST(JobsTest, FailCarriesRowsWithLineAndColumn) {
  JobRunner runner;
  const json rows = json::array(
      {{{"line", 12}, {"column", "身份证号"}, {"field", "id_number"}, {"message", "身份证号校验位错误"}},
       {{"line", 15}, {"column", "入党日期"}, {"field", "joined_on"}, {"message", "日期格式应为 YYYY-MM-DD"}}});
  const std::string id =
      runner.Start("k", kTenant, kUser, [&rows](Progress& p) -> Result<json> { return p.Fail(rows); });
  const JobView job = WaitFinished(runner, id);
  EXPECT_EQ(job.state, "failed");
  EXPECT_EQ(job.errors, rows);

  // Fail decides even when the work then returns a value; a single object becomes one row.
  const std::string id2 = runner.Start("k", kTenant, kUser, [](Progress& p) -> Result<json> {
    (void)p.Fail(json{{"line", 3}, {"message", "重复"}});
    return json{{"created", 1}};
  });
  const JobView job2 = WaitFinished(runner, id2);
  EXPECT_EQ(job2.state, "failed");
  EXPECT_EQ(job2.errors, (json::array({{{"line", 3}, {"message", "重复"}}})));
  EXPECT_TRUE(job2.result.is_null());
}

TEST(JobsTest, ExceptionFailsWithInternalError) {
  JobRunner runner;
  const json expected = json::array({{{"field", ""}, {"message", "导入过程中发生内部错误"}}});
  const std::string a = runner.Start("k", kTenant, kUser, [](Progress& p) -> Result<json> {
    (void)p.Fail(json::array({{{"line", 1}, {"message", "partial"}}}));
    throw std::runtime_error("disk I/O error");
  });
  const std::string b = runner.Start("k", kTenant, kUser, [](Progress&) -> Result<json> { throw 42; });
  const std::string c = runner.Start("k", kTenant, kUser, JobRunner::Work{});  // empty function
  for (const auto& id : {a, b, c}) {
    const JobView job = WaitFinished(runner, id);
    EXPECT_EQ(job.state, "failed");
    EXPECT_EQ(job.errors, expected);
  }
  // The runner thread survived the exceptions.
  const std::string d = runner.Start("k", kTenant, kUser, [](Progress&) -> Result<json> { return json(1); });
  EXPECT_EQ(WaitFinished(runner, d).state, "done");
}

TEST(JobsTest, OnlyTheStartingUserAndTenantFindIt) {
  JobRunner runner;
  const std::string id = runner.Start("k", kTenant, kUser, [](Progress&) -> Result<json> { return json(1); });
  WaitFinished(runner, id);
  EXPECT_TRUE(runner.Find(id, kTenant, kUser));
  EXPECT_FALSE(runner.Find(id, kTenant, kUser + 1));  // same hospital, other user
  EXPECT_FALSE(runner.Find(id, kTenant + 1, kUser));  // same user id, other hospital
  EXPECT_FALSE(runner.Find("00000000000000000000000000000000", kTenant, kUser));
  EXPECT_FALSE(runner.Find("", kTenant, kUser));
}

TEST(JobsTest, IdsAreRandom128BitHex) {
  JobRunner runner;
  std::set<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    const std::string id = runner.Start("k", kTenant, kUser, [](Progress&) -> Result<json> { return json(1); });
    EXPECT_EQ(id.size(), 32u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 20u);
}

TEST(JobsTest, KeepsOnlyTheMostRecentlyFinished) {
  JobRunner runner(1, 2);
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(runner.Start("k", kTenant, kUser, [i](Progress&) -> Result<json> { return json(i); }));
    WaitFinished(runner, ids.back());
  }
  EXPECT_FALSE(runner.Find(ids[0], kTenant, kUser));  // the oldest finished job was dropped
  EXPECT_EQ(runner.Find(ids[1], kTenant, kUser)->result, 1);
  EXPECT_EQ(runner.Find(ids[2], kTenant, kUser)->result, 2);
  EXPECT_EQ(runner.Running(), 0u);
}

TEST(JobsTest, RunningJobsAreNeverDropped) {
  std::promise<void> started;
  std::promise<void> release;
  auto released = release.get_future().share();
  JobRunner runner(2, 0);  // keep no finished job at all; declared last, so it joins first
  const std::string slow = runner.Start("k", kTenant, kUser, [&](Progress&) -> Result<json> {
    started.set_value();
    released.wait();
    return json(1);
  });
  started.get_future().wait();
  const std::string quick = runner.Start("k", kTenant, kUser, [](Progress&) -> Result<json> { return json(2); });
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (runner.Running() != 1 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(runner.Running(), 1u);
  EXPECT_FALSE(runner.Find(quick, kTenant, kUser));  // finished and dropped at once
  EXPECT_EQ(runner.Find(slow, kTenant, kUser)->state, "running");
  release.set_value();
}

TEST(JobsTest, ThreadsRunJobsSideBySide) {
  JobRunner runner(2);
  std::promise<void> first_started;
  std::promise<void> second_started;
  auto second_f = second_started.get_future().share();
  auto first_f = first_started.get_future().share();
  const std::string a = runner.Start("k", kTenant, kUser, [&](Progress&) -> Result<json> {
    first_started.set_value();
    // Finishes only if the other job runs at the same time.
    if (second_f.wait_for(10s) != std::future_status::ready) return Invalid("", "alone");
    return json(1);
  });
  const std::string b = runner.Start("k", kTenant, kUser, [&](Progress&) -> Result<json> {
    second_started.set_value();
    if (first_f.wait_for(10s) != std::future_status::ready) return Invalid("", "alone");
    return json(2);
  });
  EXPECT_EQ(WaitFinished(runner, a).state, "done");
  EXPECT_EQ(WaitFinished(runner, b).state, "done");
}

TEST(JobsTest, DestructorCancelsAndWaitsForRunningWork) {
  std::atomic<bool> saw_cancel{false};
  std::atomic<bool> returned{false};
  std::atomic<bool> queued_ran{false};
  {
    JobRunner runner(1);
    std::promise<void> started;
    runner.Start("k", kTenant, kUser, [&](Progress& p) -> Result<json> {
      started.set_value();
      const auto deadline = std::chrono::steady_clock::now() + 10s;
      while (!p.cancelled() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
      saw_cancel = p.cancelled();
      std::this_thread::sleep_for(20ms);  // still working when the destructor is already waiting
      returned = true;
      return json(1);
    });
    runner.Start("k", kTenant, kUser, [&](Progress&) -> Result<json> {
      queued_ran = true;
      return json(2);
    });
    started.get_future().wait();
    EXPECT_EQ(runner.Running(), 2u);  // one running, one waiting for the thread
  }
  EXPECT_TRUE(saw_cancel);
  EXPECT_TRUE(returned);       // the destructor waited for the running work
  EXPECT_FALSE(queued_ran);    // work still waiting for a thread never starts
}

}  // namespace
}  // namespace qizhi::platform::jobs
