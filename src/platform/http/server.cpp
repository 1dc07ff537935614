#include "platform/http/server.hpp"

#include <csignal>
#include <restinio/all.hpp>
#include <spdlog/spdlog.h>
#include <sodium.h>
#include <thread>

#include "platform/core/clock.hpp"
#include "platform/http/cookies.hpp"
#include "platform/http/static_files.hpp"

namespace qizhi::platform::http {
namespace {

struct Traits : public restinio::default_traits_t {
  using logger_t = restinio::null_logger_t;  // the request log below is ours, with no secrets
};

bool IsWrite(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

bool SameToken(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "Status";
  }
}

void AddSecurityHeaders(Response& r) {
  r.headers.push_back({"X-Content-Type-Options", "nosniff"});
  r.headers.push_back({"Referrer-Policy", "same-origin"});
}

}  // namespace

Server::Server(const Config& config, const Router& router, ServerHooks hooks)
    : config_(config),
      router_(router),
      hooks_(std::move(hooks)),
      secure_(config.public_origin.rfind("https://", 0) == 0) {}

bool Server::OriginAllowed(const Request& req) const {
  std::string origin = req.Header("origin");
  if (origin.empty()) return false;
  if (!config_.public_origin.empty()) return origin == config_.public_origin;
  std::string host = req.Header("host");
  return !host.empty() && origin == "http://" + host;
}

Response Server::Dispatch(Request& req) {
  if (req.path == "/healthz" || req.path == "/readyz" || req.path == "/metrics") req.route = req.path;
  if (req.path == "/healthz") return JsonResponse(200, {{"status", "ok"}});
  if (req.path == "/readyz") {
    bool ok = !draining_ && (!hooks_.ready || hooks_.ready());
    return ok ? JsonResponse(200, {{"status", "ready"}}) : Problem(503, "", {Error{ErrorCode::kInternal, "数据库不可用", ""}});
  }
  if (req.path == "/metrics") {
    if (hooks_.update_gauges) hooks_.update_gauges(metrics_);
    metrics_.SetGauge("qizhi_worker_queue_depth", static_cast<double>(queued_.load()));
    metrics_.SetGauge("qizhi_http_in_flight", static_cast<double>(in_flight_.load()));
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics_.Render();
    return r;
  }
  bool path_known = false;
  const Route* route = router_.Match(req.method, req.path, req.params, path_known);
  if (!route) {
    req.route = "unmatched";
    if (req.path.rfind("/api/", 0) == 0 || req.path == "/api") {
      if (path_known) return Problem(405, "", {Error{ErrorCode::kInvalid, "不支持的请求方法 " + req.method, ""}});
      return Problem(404, "", {Error{ErrorCode::kNotFound, "接口不存在: " + req.path, ""}});
    }
    if (req.method == "GET" || req.method == "HEAD") {
      req.route = "static";
      if (auto r = ServeStatic(config_.web_root, req.path)) return *r;
    }
    return Problem(404, "", {Error{ErrorCode::kNotFound, "页面不存在", ""}});
  }
  req.route = route->pattern;
  Response r = DispatchRoute(req, *route);
  if (IsWrite(req.method) && r.status >= 400 && r.status != 413 && !r.audited && hooks_.audit_refused_write &&
      !route->audit_action.empty()) {
    try {
      hooks_.audit_refused_write(req, *route, r);
    } catch (const std::exception& e) {
      spdlog::error("event=audit_failed route={} error=\"{}\"", route->pattern, e.what());
    }
  }
  return r;
}

Response Server::DispatchRoute(Request& req, const Route& route) {
  try {
    int64_t limit = route.max_body_bytes > 0 ? route.max_body_bytes : config_.max_body_bytes;
    if (static_cast<int64_t>(req.body.size()) > limit)
      return Problem(413, "", {Error{ErrorCode::kInvalid, "请求内容过大（上限 " + std::to_string(limit / 1024) + " KB）", "body"}});

    if (route.access != Access::kPublic) {
      if (hooks_.authenticate) req.principal = hooks_.authenticate(req);
      if (!req.principal)
        return Problem({Error{ErrorCode::kUnauthorized, "请先登录", ""}});
      const Principal& who = *req.principal;
      if (who.password_expired && !route.allow_when_password_expired)
        return Problem({Error{ErrorCode::kForbidden, "密码已过期，请先修改密码", "password"}});
      if (who.totp_enrol_required && !route.allow_when_totp_pending)
        return Problem({Error{ErrorCode::kForbidden, "请先绑定动态口令", "totp"}});
    }
    if (IsWrite(req.method)) {
      if (!OriginAllowed(req))
        return Problem({Error{ErrorCode::kForbidden, "请求来源不被允许", "origin"}});
      if (route.access != Access::kPublic && !SameToken(req.Header("x-csrf-token"), req.principal->csrf_token))
        return Problem({Error{ErrorCode::kForbidden, "请求校验失败，请刷新页面后重试", "csrf"}});
    }
    if (route.access == Access::kPermission && !req.principal->HasAny(route.permission))
      return Problem({Error{ErrorCode::kForbidden, "无权进行此操作", ""}});
    return route.handler(req);
  } catch (const HttpError& e) {
    return Problem(e.errors());
  } catch (const std::exception& e) {
    spdlog::error("event=unhandled route={} method={} error=\"{}\"", route.pattern, req.method, e.what());
    return Problem(500, "", {Error{ErrorCode::kInternal, "服务器内部错误，请稍后重试", ""}});
  }
}

int Server::Run() {
  // Block the stop signals in every thread (threads inherit the mask) and take them here.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  restinio::asio_ns::thread_pool workers(static_cast<size_t>(config_.worker_threads));
  auto on_request = [this, &workers](restinio::request_handle_t handle) {
    last_request_ms_ = NowUnixMillis();
    if (draining_) {
      handle->create_response(restinio::http_status_line_t{restinio::http_status_code_t{503}, "Service Unavailable"})
          .append_header(restinio::http_field::content_type, "application/problem+json; charset=utf-8")
          .connection_close()
          .set_body(Problem(503, "服务正在重启，请稍后重试").body)
          .done();
      return restinio::request_accepted();
    }
    ++in_flight_;
    ++queued_;
    restinio::asio_ns::post(workers, [this, handle] {
      --queued_;
      auto started = std::chrono::steady_clock::now();
      Request req;
      req.method = handle->header().method().c_str();
      std::string_view path = handle->header().path();
      req.path = std::string(path.empty() ? "/" : path);
      req.ip = handle->remote_endpoint().address().to_string();
      handle->header().for_each_field([&req](const auto& f) {
        std::string name = f.name();
        for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        req.headers[name] = f.value();
      });
      if (config_.trust_proxy) {
        std::string fwd = req.Header("x-forwarded-for");
        // The last hop is the one our own proxy added; earlier entries are whatever the client sent.
        if (!fwd.empty()) {
          std::string last = fwd.substr(fwd.rfind(',') == std::string::npos ? 0 : fwd.rfind(',') + 1);
          last.erase(0, last.find_first_not_of(' '));
          req.ip = last;
        }
      }
      // Form encoding ('+' is a space, as URLSearchParams writes it), but lenient about the
      // characters RFC 3986 allows unencoded in a query, such as ':' in "2026-11-24T08:00:00Z".
      std::string raw_query(handle->header().query());
      for (size_t pos = raw_query.find('+'); pos != std::string::npos; pos = raw_query.find('+', pos))
        raw_query.replace(pos, 1, "%20");
      auto query = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(raw_query);
      Response resp;
      if (!query) {
        resp = Problem({Invalid("query", "查询参数格式错误")});
      } else {
        for (const auto& [k, v] : *query) req.query[std::string(k)] = std::string(v);
        req.body = handle->body();
        req.session_token = CookieValue(req.Header("cookie"), SessionCookieName(secure_));
        resp = Dispatch(req);
      }
      AddSecurityHeaders(resp);
      if (req.path.rfind("/api/", 0) == 0) resp.headers.push_back({"Cache-Control", "no-store"});
      auto builder = handle->create_response(
          restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(resp.status)},
                                      ReasonPhrase(resp.status)});
      if (!resp.content_type.empty()) builder.append_header(restinio::http_field::content_type, resp.content_type);
      for (const auto& [k, v] : resp.headers) builder.append_header(k, v);
      if (draining_) builder.connection_close();
      // HEAD: headers only. RESTinio writes Content-Length for the (empty) body itself; adding
      // the GET length too would send two differing Content-Length headers, which clients refuse.
      if (req.method != "HEAD") builder.set_body(std::move(resp.body));
      builder.done();
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      metrics_.Observe(req.route, req.method, resp.status, secs);
      // The route pattern, not the path with its query: no personal data reaches the log.
      spdlog::info("event=request method={} route={} status={} ms={:.1f} user={} ip={}", req.method, req.route,
                   resp.status, secs * 1000, req.principal ? req.principal->user_id : 0, req.ip);
      --in_flight_;
    });
    return restinio::request_accepted();
  };

  auto settings = restinio::server_settings_t<Traits>{}
                      .address(config_.listen)
                      .port(static_cast<std::uint16_t>(config_.port))
                      .request_handler(on_request)
                      .read_next_http_message_timelimit(std::chrono::seconds(config_.read_timeout_seconds))
                      .write_http_response_timelimit(std::chrono::seconds(config_.write_timeout_seconds))
                      .handle_request_timeout(std::chrono::seconds(config_.handler_timeout_seconds))
                      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                                    .max_body_size(static_cast<std::uint64_t>(config_.max_upload_bytes))
                                                    .max_field_count(100)
                                                    .max_url_size(8192));
  auto server = restinio::run_async<Traits>(restinio::own_io_context(), std::move(settings),
                                            static_cast<std::size_t>(config_.io_threads));
  spdlog::info("event=listening url=http://{}:{}", config_.listen, config_.port);
  std::fprintf(stdout, "qizhi listening on http://%s:%lld\n", config_.listen.c_str(),
               static_cast<long long>(config_.port));
  std::fflush(stdout);

  int sig = 0;
  sigwait(&stop_signals, &sig);
  spdlog::info("event=stopping signal={} in_flight={}", sig, in_flight_.load());
  draining_ = true;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(config_.shutdown_grace_seconds);
  // Requests already on the wire when the signal came (accepted, not yet read) still get an
  // answer (503) rather than a reset: stop only once nothing has arrived for a quiet moment.
  constexpr int64_t kQuietMs = 300;
  while ((in_flight_ > 0 || NowUnixMillis() - last_request_ms_ < kQuietMs) &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  // Let the last responses leave the I/O threads before closing connections.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server->stop();
  server->wait();
  workers.join();
  spdlog::info("event=stopped");
  return 0;
}

}  // namespace qizhi::platform::http
