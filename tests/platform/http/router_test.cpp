// The route table's matcher: the most literal pattern wins, parameters are captured, a method
// that does not fit is told from an unknown path, and only absolute paths match.
#include "platform/http/router.hpp"

#include <gtest/gtest.h>

namespace qizhi::platform::http {
namespace {

Router Table() {
  Router r;
  auto ok = [](Request&) { return Response{}; };
  r.Add({.method = "GET", .pattern = "/api/v1/members/{id}", .access = Access::kLoggedIn, .handler = ok});
  r.Add({.method = "GET", .pattern = "/api/v1/members/export", .access = Access::kLoggedIn, .handler = ok});
  r.Add({.method = "PUT", .pattern = "/api/v1/members/{id}", .access = Access::kLoggedIn, .handler = ok});
  r.Add({.method = "GET", .pattern = "/api/v1/me", .access = Access::kLoggedIn, .handler = ok});
  return r;
}

TEST(RouterTest, MostLiteralPatternWinsWhateverTheOrder) {
  Router r = Table();
  std::map<std::string, std::string> params;
  bool known = false;
  const Route* route = r.Match("GET", "/api/v1/members/export", params, known);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->pattern, "/api/v1/members/export");
  route = r.Match("GET", "/api/v1/members/42", params, known);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->pattern, "/api/v1/members/{id}");
  EXPECT_EQ(params["id"], "42");
}

TEST(RouterTest, WrongMethodIsAKnownPath) {
  Router r = Table();
  std::map<std::string, std::string> params;
  bool known = false;
  EXPECT_EQ(r.Match("DELETE", "/api/v1/members/42", params, known), nullptr);
  EXPECT_TRUE(known);
  EXPECT_EQ(r.Match("GET", "/api/v1/nothing", params, known), nullptr);
  EXPECT_FALSE(known);
}

TEST(RouterTest, OnlyAbsolutePathsMatch) {
  Router r = Table();
  std::map<std::string, std::string> params;
  for (const char* target : {"*api/v1/me", "-api/v1/me", "api/v1/me", ""}) {
    bool known = true;
    EXPECT_EQ(r.Match("GET", target, params, known), nullptr) << target;
    EXPECT_FALSE(known) << target;
  }
  bool known = false;
  EXPECT_NE(r.Match("GET", "/api/v1/me", params, known), nullptr);
}

}  // namespace
}  // namespace qizhi::platform::http
