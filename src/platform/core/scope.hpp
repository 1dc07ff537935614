// Scope: what part of the data a caller may see. Built once per request from the session
// (platform/auth) and applied to every query by platform/db's ScopeFilter, so no route
// filters by hand.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace qizhi {

struct Scope {
  int64_t home_tenant = 0;             // the caller's hospital (or superior committee); writes go here
  std::vector<int64_t> tenants;        // tenants the caller may read: home, plus those below it for 上级
  std::vector<std::string> org_paths;  // materialised paths "/1/5/"; empty = the whole tenant(s)
};

// Writes reach only the caller's own hospital, whatever a superior committee may read.
inline Scope WriteScope(const Scope& read) {
  Scope s = read;
  s.tenants = {read.home_tenant};
  return s;
}
// All of one tenant, unnarrowed by org units: to tell "not yours" from "not there".
inline Scope WholeTenant(int64_t tenant) { return Scope{tenant, {tenant}, {}}; }

}  // namespace qizhi
