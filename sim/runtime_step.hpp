// The inline definitions of the step path, which every visible operation takes: included at the
// end of sim/runtime.hpp, whose declarations state what these do.
#pragma once

#include "sim/runtime.hpp"

namespace weft::sim {

// Field by field: a copy of the whole record would be built on the stack first. Inline, so that
// the operation is written straight into the thread's slot.
inline void Runtime::step(const Op& op) {
  Op& p = slots_[current_].pending;
  p.kind = op.kind;
  p.access = op.access;
  p.object = op.object;
  p.ready = op.ready;
  p.deadline = op.deadline;
  p.site = op.site;
  p.overwrites = op.overwrites;
  p.value = op.value;
  schedule();
}

// The growth is out of line, so that register_object() saves no registers for it.
inline void Runtime::register_object(Object& object) {
  const std::uint32_t id = ++objects_;
  object.set_id(id);
  if (id >= versions_.size()) [[unlikely]] grow_versions();
  versions_[id] = 0;
  objects_by_id_[id] = &object;
}

}  // namespace weft::sim
