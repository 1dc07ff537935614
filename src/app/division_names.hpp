// Names of administrative divisions as people use them: the statistics bureau lists a village
// as its committee (东林村村民委员会, 回龙街社区居民委员会); the registry, the picker and every
// list say 东林村, 回龙街社区. Pure, thread-safe.
#pragma once
#include <string>

namespace qizhi::app {

// The short name of a town or village: 村民委员会/村委会 → 村, 社区居民委员会/社区居委会 → 社区,
// 居民委员会/居委会 → 社区, any other 委员会 dropped; a name ending in 村 or 社区 keeps it once
// (新村村委会 → 新村). Other levels and names with no committee suffix are returned unchanged.
std::string ShortDivisionName(const std::string& name);

// Whether a city-level name is a placeholder left out of full names (市辖区, 县, 省直辖县级行政区划,
// 自治区直辖县级行政区划): 重庆市大足区, not 重庆市市辖区大足区.
bool IsPlaceholderCity(const std::string& name);

}  // namespace qizhi::app
