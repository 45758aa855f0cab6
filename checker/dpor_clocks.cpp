#include "checker/dpor_clocks.hpp"

#include <algorithm>

#include "checker/dpor_relation.hpp"
#include "sim/internal.hpp"

namespace weft::checker::dpor {

void Clocks::birth(sim::ThreadId t, std::uint32_t born, sim::ThreadId parent) {
  if (born > width_) widen(born);
  if (threads_.size() < std::size_t{born} * width_) threads_.resize(std::size_t{born} * width_);
  WEFT_INTERNAL(t < born && born <= width_ && (parent == kNone || parent < born),
                "a thread born among the threads that have clocks");
  std::uint32_t* c = of_thread(t);
  if (parent == kNone) {
    std::fill_n(c, width_, 0);
  } else {
    std::copy_n(of_thread(parent), width_, c);
  }
}

// More threads than a clock has entries: every clock moves to wider rows.
void Clocks::widen(std::uint32_t born) {
  const std::uint32_t old = width_;
  width_ = std::max(2 * old, (born + 3) / 4 * 4);
  for (std::vector<std::uint32_t>* v : {&threads_, &objects_}) {
    const std::size_t rows = v->size() / old;
    std::vector<std::uint32_t> wide(rows * width_, 0);
    for (std::size_t r = 0; r < rows; ++r)
      std::copy_n(v->data() + r * old, old, wide.data() + r * width_);
    v->swap(wide);
  }
  exit_.resize(width_, 0);
}

void Clocks::reset(std::size_t objects) {
  width_ = 4;
  threads_.clear();
  objects_.assign(objects * 2 * width_, 0);
  exit_.assign(width_, 0);
}

void Clocks::reserve_objects(std::size_t count) {
  if (objects_.size() < count * 2 * width_) objects_.resize(count * 2 * width_);
}

void Clocks::clear_object(std::uint32_t id) { std::fill_n(of_object(2 * id), 2 * width_, 0); }

void Clocks::tick(std::uint32_t born) {
  barrier_.assign(width_, 0);
  for (sim::ThreadId t = 0; t < born; ++t) join(barrier_.data(), of_thread(t), born);
  for (sim::ThreadId t = 0; t < born; ++t) copy(of_thread(t), barrier_.data(), born);
}

}  // namespace weft::checker::dpor
