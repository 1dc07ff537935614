#include "app/demo_parts.hpp"

namespace qizhi::app {

Status SeedStudyDemo(DemoContext&) { return Ok(); }

}  // namespace qizhi::app
