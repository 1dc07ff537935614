#include "figures/catalogue.hpp"

namespace qizhi::figures {

std::vector<Figure> LifeFigures() { return {}; }

}  // namespace qizhi::figures
