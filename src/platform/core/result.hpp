// Result<T>: how domain code reports failure without throwing across a layer.
// An Error carries a machine code (maps to an HTTP status in platform/http), a Chinese
// message for the user, and the request field it concerns (empty when none).
#pragma once
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace qizhi {

enum class ErrorCode {
  kInvalid,       // 400: a field fails validation
  kUnauthorized,  // 401: not logged in, bad credentials
  kForbidden,     // 403: logged in but not allowed (permission, scope, CSRF, Origin, lockout)
  kNotFound,      // 404
  kConflict,      // 409: duplicate or stale state
  kInternal,      // 500
};

struct Error {
  ErrorCode code = ErrorCode::kInvalid;
  std::string message;  // Chinese, shown to the user
  std::string field;    // request field, empty if the error is not about one field
};

// Several field errors at once (a form with three bad fields gets three messages).
using Errors = std::vector<Error>;

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}                 // NOLINT: implicit on purpose
  Result(Error error) : v_(Errors{std::move(error)}) {}     // NOLINT
  Result(Errors errors) : v_(std::move(errors)) {}          // NOLINT
  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const Errors& errors() const { return std::get<Errors>(v_); }
  const Error& error() const { return std::get<Errors>(v_).front(); }

 private:
  std::variant<T, Errors> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status Ok() { return Unit{}; }

inline Error Invalid(std::string field, std::string message) {
  return Error{ErrorCode::kInvalid, std::move(message), std::move(field)};
}

}  // namespace qizhi
