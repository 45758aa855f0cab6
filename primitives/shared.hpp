// Shared<T>: a variable threads share, whose reads and writes are visible operations — what a
// Python global counter or list is in the seed's programs. Plain C++ memory shared between
// threads is invisible to the checker; put it in a Shared<T>.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "primitives/detail/backend.hpp"
#include "primitives/detail/pool.hpp"
#include "sim/state_hash.hpp"
#include "sim/state_text.hpp"

namespace weft {

template <class T>
class Shared {
 public:
  explicit Shared(T initial = T{}, std::string name = {})
      : s_(detail::make_pooled<State>(std::move(initial), std::move(name))) {
    detail::register_object(*s_);
  }

  // One read. Reads are never inlined: the return address names the calling line, and reading
  // again from one line with nothing written in between is how weft tells a spin loop.
  [[gnu::noinline]] T load() const {
    detail::Gate g(sim::OpKind::Load, sim::Access::Read, s_.get(), nullptr, detail::Mode::NoWait,
                   -1, WEFT_CALL_SITE());
    if constexpr (std::is_integral_v<T>) g.result(static_cast<std::int64_t>(s_->value));
    return s_->value;
  }
  // One write. An integer's is known before it runs: reduction lets two stores of one value
  // commute (docs/reduction.md, "Stores of equal values").
  void store(T value) const {
    if constexpr (std::is_integral_v<T> || std::is_enum_v<T>) {
      detail::Gate g(s_.get(), detail::Gate::Overwrite{static_cast<std::int64_t>(value)});
      g.result(static_cast<std::int64_t>(value));
      s_->value = value;
    } else {
      detail::Gate g(sim::OpKind::Store, sim::Access::Write, s_.get());
      s_->value = std::move(value);
    }
  }
  // A read-modify-write as one visible operation: f(T&) -> R. What is atomic under Python's GIL
  // (list.append, list.pop) is one update().
  template <class F>
  auto update(F&& f) const {
    detail::Gate g(sim::OpKind::Store, sim::Access::Write, s_.get());
    return std::forward<F>(f)(s_->value);
  }
  // A read through f(const T&) -> R as one visible operation (len(list), `if list:`).
  template <class F>
  [[gnu::noinline]] auto read(F&& f) const {
    detail::Gate g(sim::OpKind::Load, sim::Access::Read, s_.get(), nullptr, detail::Mode::NoWait,
                   -1, WEFT_CALL_SITE());
    return std::forward<F>(f)(static_cast<const T&>(s_->value));
  }

 private:
  struct State : sim::Object {
    State(T v, std::string&& name) : sim::Object("Shared", std::move(name)), value(std::move(v)) {}
    T value;
    // Numbers and strings (and pairs of them) only, which it hashes whole: state caching is not
    // used with another type (docs/state-caching.md).
    bool fingerprint(sim::StateHasher& h) const override { return sim::hash_value(h, value); }
    std::string state() const override {
      std::string s;
      return sim::text_value(s, value) ? s : std::string();
    }
  };
  std::shared_ptr<State> s_;
};

}  // namespace weft
