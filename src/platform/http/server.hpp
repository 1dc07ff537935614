// Server: RESTinio on Asio. I/O threads only parse and write; each request is handed to a
// worker pool where the route runs (database work blocks there, never on an I/O thread).
// Order of checks for a request: route → body size → session → restricted session →
// CSRF + Origin (writes) → permission → handler. Every exception becomes problem+json
// (unexpected ones are logged and answered 500).
// Run() blocks until SIGTERM or SIGINT, then stops taking requests (503), lets the requests in
// flight finish (up to shutdown_grace_seconds) and returns 0.
#pragma once
#include <atomic>
#include <functional>
#include <optional>

#include "platform/core/config.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"

namespace qizhi::platform::http {

struct ServerHooks {
  // The principal for the request's session token, or nullopt (401).
  std::function<std::optional<Principal>(const Request&)> authenticate;
  // Called for a write answered 4xx that the route did not audit itself.
  std::function<void(const Request&, const Route&, const Response&)> audit_refused_write;
  std::function<bool()> ready;                 // /readyz
  std::function<void(Metrics&)> update_gauges;  // before /metrics renders
};

class Server {
 public:
  Server(const Config& config, const Router& router, ServerHooks hooks);
  int Run();
  // The whole pipeline for one request, without sockets (used by Run and by tests).
  Response Dispatch(Request& req);
  Metrics& metrics() { return metrics_; }
  bool secure_cookies() const { return secure_; }

 private:
  Response DispatchRoute(Request& req, const Route& route);
  bool OriginAllowed(const Request& req) const;

  const Config& config_;
  const Router& router_;
  ServerHooks hooks_;
  Metrics metrics_;
  bool secure_;
  std::atomic<int64_t> in_flight_{0};
  std::atomic<int64_t> last_request_ms_{0};  // when the last request arrived (drain waits for quiet)
  std::atomic<int64_t> queued_{0};
  std::atomic<bool> draining_{false};
};

}  // namespace qizhi::platform::http
