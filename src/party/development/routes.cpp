#include "party/development/routes.hpp"

namespace qizhi::party::development {

void RegisterRoutes(platform::http::Router&, platform::Services&) {}

}  // namespace qizhi::party::development
