#include "platform/http/metrics.hpp"

#include <fmt/format.h>

namespace qizhi::platform::http {

void Metrics::Observe(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, method, status}];
  auto& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.counts[i];
  ++h.count;
  h.sum += seconds;
  if (status >= 500) ++errors_;
}

void Metrics::SetGauge(const std::string& name, double value) {
  std::lock_guard lock(mu_);
  gauges_[name] = value;
}

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP qizhi_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE qizhi_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out += fmt::format("qizhi_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n", route,
                       method, status, n);
  }
  out += "# HELP qizhi_http_request_duration_seconds Time to answer, by route.\n";
  out += "# TYPE qizhi_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i)
      out += fmt::format("qizhi_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route,
                         kBuckets[i], h.counts[i]);
    out += fmt::format("qizhi_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", route, h.count);
    out += fmt::format("qizhi_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route, h.sum);
    out += fmt::format("qizhi_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route, h.count);
  }
  out += "# HELP qizhi_http_errors_total Requests answered with a 5xx status.\n";
  out += "# TYPE qizhi_http_errors_total counter\n";
  out += fmt::format("qizhi_http_errors_total {}\n", errors_);
  for (const auto& [name, v] : gauges_) {
    out += fmt::format("# TYPE {} gauge\n{} {}\n", name, name, v);
  }
  return out;
}

}  // namespace qizhi::platform::http
