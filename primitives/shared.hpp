// Shared<T>: a variable threads share, whose reads and writes are visible operations — what a
// Python global counter or list is in the seed's programs. Plain C++ memory shared between
// threads is invisible to the checker; put it in a Shared<T>. Like a Python variable, each
// process has its own: a weft::Process started after it was made works on a copy of the value it
// had at the fork (docs/processes.md).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "primitives/detail/backend.hpp"
#include "primitives/detail/pool.hpp"
#include "primitives/detail/process_state.hpp"
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
    if constexpr (std::is_integral_v<T>) g.result(static_cast<std::int64_t>(s_->here()));
    return s_->here();
  }
  // One write. An integer's is known before it runs: reduction lets two stores of one value
  // commute (docs/reduction.md, "Stores of equal values").
  void store(T value) const {
    if constexpr (std::is_integral_v<T> || std::is_enum_v<T>) {
      detail::Gate g(s_.get(), detail::Gate::Overwrite{static_cast<std::int64_t>(value)});
      g.result(static_cast<std::int64_t>(value));
      s_->here() = value;
    } else {
      detail::Gate g(sim::OpKind::Store, sim::Access::Write, s_.get());
      s_->here() = std::move(value);
    }
  }
  // A read-modify-write as one visible operation: f(T&) -> R. What is atomic under Python's GIL
  // (list.append, list.pop) is one update().
  template <class F>
  auto update(F&& f) const {
    detail::Gate g(sim::OpKind::Store, sim::Access::Write, s_.get());
    return std::forward<F>(f)(s_->here());
  }
  // A read through f(const T&) -> R as one visible operation (len(list), `if list:`).
  template <class F>
  [[gnu::noinline]] auto read(F&& f) const {
    detail::Gate g(sim::OpKind::Load, sim::Access::Read, s_.get(), nullptr, detail::Mode::NoWait,
                   -1, WEFT_CALL_SITE());
    return std::forward<F>(f)(static_cast<const T&>(s_->here()));
  }

 private:
  struct State : sim::Object, detail::Copied {
    State(T v, std::string&& name) : sim::Object("Shared", std::move(name)), value(std::move(v)) {}
    // The value of the process that made it, and of every process without a copy.
    T value;
    // The simulator: the copies processes forked after it was made work on, by process key. A
    // real fork copies the value by itself.
    std::vector<std::pair<int, T>> copies;
    T& here() { return copies.empty() ? value : of(detail::current_process_key()); }
    T& of(int process) {
      for (auto& [key, v] : copies)
        if (key == process) return v;
      return value;
    }
    void copy(int from, int to) override {
      if constexpr (std::is_copy_constructible_v<T>) {
        T v = of(from);
        copies.emplace_back(to, std::move(v));
      } else {
        detail::cannot_copy(label());
      }
    }
    // Numbers and strings (and pairs of them) only, which it hashes whole: state caching is not
    // used with another type (docs/state-caching.md).
    bool fingerprint(sim::StateHasher& h) const override {
      if (!sim::hash_value(h, value)) return false;
      for (const auto& [key, v] : copies) {
        h.mix(static_cast<std::uint64_t>(key));
        if (!sim::hash_value(h, v)) return false;
      }
      return true;
    }
    // What `weft step` shows: the value of the process that made it (copies are not shown).
    std::string state() const override {
      std::string s;
      return sim::text_value(s, value) ? s : std::string();
    }
  };
  std::shared_ptr<State> s_;
};

}  // namespace weft
