// mojibake: UTF-8 that was decoded with the wrong charset.
#include "normalize/internal.hpp"
#include "normalize/tables.hpp"

namespace copydesk::normalize::detail {

bool step_mojibake(std::string&, StepContext&) { return false; }

}  // namespace copydesk::normalize::detail
