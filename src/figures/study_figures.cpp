#include "figures/catalogue.hpp"

namespace qizhi::figures {

std::vector<Figure> StudyFigures() { return {}; }

}  // namespace qizhi::figures
