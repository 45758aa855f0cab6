#include "checker/dfs.hpp"

namespace weft::checker {

std::size_t DfsStrategy::pick(std::size_t n, sim::Decision kind) {
  if (depth_ < stack_.size()) {  // replaying the prefix of the previous execution
    Choice& c = stack_[depth_++];
    if (c.options != n || c.kind != kind) {
      nondeterministic_ = true;
      c.options = static_cast<std::uint32_t>(n);
      c.kind = kind;
      if (c.chosen >= n) c.chosen = static_cast<std::uint32_t>(n - 1);
    }
    return c.chosen;
  }
  stack_.push_back(Choice{kind, 0, static_cast<std::uint32_t>(n)});
  ++depth_;
  return 0;
}

bool DfsStrategy::advance() {
  stack_.resize(depth_);
  while (!stack_.empty() && stack_.back().chosen + 1 >= stack_.back().options) stack_.pop_back();
  if (stack_.empty()) return false;
  ++stack_.back().chosen;
  return true;
}

}  // namespace weft::checker
