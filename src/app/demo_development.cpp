#include "app/demo_parts.hpp"

namespace qizhi::app {

Status SeedDevelopmentDemo(DemoContext&) { return Ok(); }

}  // namespace qizhi::app
