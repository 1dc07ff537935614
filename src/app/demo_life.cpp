#include "app/demo_parts.hpp"

namespace qizhi::app {

Status SeedLifeDemo(DemoContext&) { return Ok(); }

}  // namespace qizhi::app
