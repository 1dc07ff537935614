#include "party/study/routes.hpp"

namespace qizhi::party::study {

void RegisterRoutes(platform::http::Router& router, platform::Services& services) {
  RegisterXuexiRoutes(router, services);
}

}  // namespace qizhi::party::study
