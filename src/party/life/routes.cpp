#include "party/life/routes.hpp"

namespace qizhi::party::life {

void RegisterRoutes(platform::http::Router&, platform::Services&) {}

}  // namespace qizhi::party::life
