#include "party/study/routes.hpp"

namespace qizhi::party::study {

void RegisterRoutes(platform::http::Router&, platform::Services&) {}

}  // namespace qizhi::party::study
