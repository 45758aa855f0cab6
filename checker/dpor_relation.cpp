#include "checker/dpor_relation.hpp"

#include <algorithm>

#include "sim/runtime.hpp"

namespace weft::checker::dpor {

bool holds_lock(const sim::Runtime& rt, sim::ThreadId t, std::vector<sim::ThreadId>& holders) {
  const sim::Object* o = rt.pending(t).object;
  if (o == nullptr || !o->is_lock()) return false;
  holders.clear();
  o->holders(holders);
  return std::find(holders.begin(), holders.end(), t) != holders.end();
}

}  // namespace weft::checker::dpor
