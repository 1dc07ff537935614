// Metrics: request counts by route, method and status, a latency histogram per route, and
// gauges the server sets (database pool, worker queue). Rendered as Prometheus text.
// Thread-safe.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace qizhi::platform::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5,   5.0};
  void Observe(const std::string& route, const std::string& method, int status, double seconds);
  void SetGauge(const std::string& name, double value);
  std::string Render() const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::string, double> gauges_;
  uint64_t errors_ = 0;
};

}  // namespace qizhi::platform::http
