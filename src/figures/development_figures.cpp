#include "figures/catalogue.hpp"

namespace qizhi::figures {

std::vector<Figure> DevelopmentFigures() { return {}; }

}  // namespace qizhi::figures
