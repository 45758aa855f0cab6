#include "primitives/detail/process_state.hpp"
#include "primitives/errors.hpp"

namespace weft::detail {

void start_on_real(const std::shared_ptr<ProcessState>&) {
  throw RuntimeError("weft: processes run on the simulator only");
}

}  // namespace weft::detail
