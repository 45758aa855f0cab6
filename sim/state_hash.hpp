// State fingerprints: a 128-bit hash of what a state caching search must tell apart (see
// docs/state-caching.md). Objects mix their state into a StateHasher; thread ids inside object
// states go through thread(), which writes them the way the fingerprint at hand needs them.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/types.hpp"

namespace weft::sim {

struct Fingerprint {
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
};

class StateHasher {
 public:
  // Mixes one word. Two lanes with different mixing, so that a fingerprint is 128 bits.
  void mix(std::uint64_t v) {
    a_ = finish((a_ ^ v) * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL);
    b_ = finish((b_ + v) * 0xc2b2ae3d27d4eb4fULL ^ 0x165667b19e3779f9ULL);
  }
  void mix_bytes(std::string_view s) {
    mix(s.size());
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      mix(w);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, s.data() + i, s.size() - i);
    mix(tail);
  }
  // A thread id held in an object's state (a lock's owner, a waiter).
  void thread(ThreadId t) { mix(word(t)); }
  // What thread() mixes for t: for an object whose threads form a set, not a sequence, to mix
  // them sorted by it (Event's waiters: docs/state-caching.md, "What a state is").
  std::uint64_t word(ThreadId t) const {
    if (t == kNoThread) return kNone;
    if (self_ != kNoThread) return t == self_ ? kSelf : kOther;
    return labels_.empty() || t >= labels_.size() ? t : labels_[t];
  }
  // thread() writes `self` as itself and every other thread alike: what an operation of `self`
  // can learn of the object (docs/state-caching.md, "Histories").
  void relative_to(ThreadId self) { self_ = self; }
  // The thread whose operation is learning (relative_to), kNoThread otherwise.
  ThreadId self() const { return self_; }
  // thread() writes thread t as labels[t] (its place in the canonical order under symmetry).
  void relabel(std::span<const ThreadId> labels) { labels_ = labels; }

  Fingerprint value() const { return {a_, b_}; }

 private:
  static std::uint64_t finish(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  static constexpr std::uint64_t kNone = 0xfffffffffffffff1ULL;
  static constexpr std::uint64_t kSelf = 0xfffffffffffffff2ULL;
  static constexpr std::uint64_t kOther = 0xfffffffffffffff3ULL;
  std::uint64_t a_ = 0x243f6a8885a308d3ULL;
  std::uint64_t b_ = 0x13198a2e03707344ULL;
  ThreadId self_ = kNoThread;
  std::span<const ThreadId> labels_;
};

template <class T>
struct IsVector : std::false_type {};
template <class T, class A>
struct IsVector<std::vector<T, A>> : std::true_type {};

// Mixes a value whole into `h`: numbers, enums, strings, and pairs, tuples and vectors of them. False for
// any other type: its state might lie beyond what a hash of it covers (docs/state-caching.md).
template <class T>
bool hash_value(StateHasher& h, const T& v) {
  if constexpr (std::is_integral_v<T> || std::is_enum_v<T>) {
    h.mix(static_cast<std::uint64_t>(v));
    return true;
  } else if constexpr (std::is_floating_point_v<T> && sizeof(T) <= 8) {
    h.mix(std::bit_cast<std::uint64_t>(static_cast<double>(v)));
    return true;
  } else if constexpr (std::is_same_v<T, std::string>) {
    h.mix_bytes(v);
    return true;
  } else if constexpr (requires { std::tuple_size<T>::value; }) {
    return std::apply([&h](const auto&... e) { return (hash_value(h, e) && ...); }, v);
  } else if constexpr (IsVector<T>::value) {
    h.mix(v.size());
    for (const auto& e : v)
      if (!hash_value(h, e)) return false;
    return true;
  } else {
    return false;
  }
}

}  // namespace weft::sim
