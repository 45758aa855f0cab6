#include "checker/fingerprints.hpp"

#include <cstring>

namespace weft::checker {

namespace {

constexpr std::uint64_t kP0 = 0xa0761d6478bd642fULL;
constexpr std::uint64_t kP1 = 0xe7037ed1a0b428dbULL;
constexpr std::uint64_t kP2 = 0x8ebc6af09c88c6e3ULL;
// Small: a short search (daemon: 15 executions) must not pay for a table it never fills.
constexpr std::size_t kFirstSlots = 16;

// GCC and Clang on 64-bit targets have it; __extension__ says the non-standard type is meant.
__extension__ typedef unsigned __int128 Wide;

std::uint64_t mum(std::uint64_t a, std::uint64_t b) {
  const Wide r = static_cast<Wide>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

std::uint64_t read8(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// The last 1 to 7 bytes, zero-padded: the length goes into the hash separately.
std::uint64_t read_tail(const char* p, std::size_t n) {
  std::uint64_t w = 0;
  std::memcpy(&w, p, n);
  return w;
}

}  // namespace

std::uint64_t fingerprint_text(std::string_view s, std::uint64_t seed) {
  // The running hash is one operand of every multiply, as in wyhash: a block of input that makes
  // the other operand zero would erase it, and which block does depends on everything before.
  std::uint64_t h = mum(seed ^ kP0, s.size() ^ kP1);
  const char* p = s.data();
  std::size_t n = s.size();
  for (; n >= 16; p += 16, n -= 16) h = mum(read8(p) ^ kP1, read8(p + 8) ^ h);
  if (n >= 8) {
    h = mum(read8(p) ^ kP2, h);
    p += 8;
    n -= 8;
  }
  if (n > 0) h = mum(read_tail(p, n) ^ kP2, h ^ kP0);
  return mum(h ^ kP0, s.size() ^ kP1);
}

double FingerprintSet::collision_bound(std::uint64_t n) {
  const double pairs = static_cast<double>(n) * (static_cast<double>(n) - 1) / 2;
  const double p = pairs / 18446744073709551616.0;  // 2^64
  return p < 1 ? p : 1;
}

std::size_t FingerprintSet::find(std::uint64_t fp) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = static_cast<std::size_t>(fp) & mask;
  while (slots_[i] != 0 && slots_[i] != fp) i = (i + 1) & mask;
  return i;
}

bool FingerprintSet::contains(std::uint64_t fp) const {
  if (slots_.empty()) return false;
  if (fp == 0) fp = 1;
  return slots_[find(fp)] == fp;
}

bool FingerprintSet::grow() {
  const std::size_t next = slots_.empty() ? kFirstSlots : 2 * slots_.size();
  if ((slots_.size() + next) * sizeof(std::uint64_t) > max_bytes_) return false;
  std::vector<std::uint64_t> old;
  old.swap(slots_);
  slots_.assign(next, 0);
  for (const std::uint64_t fp : old)
    if (fp != 0) slots_[find(fp)] = fp;
  return true;
}

FingerprintSet::Insert FingerprintSet::insert(std::uint64_t fp) {
  if (fp == 0) fp = 1;
  if (!slots_.empty()) {
    const std::size_t i = find(fp);
    if (slots_[i] == fp) return Insert::Present;
    // Linear probing stays short below three quarters full.
    if (4 * (size_ + 1) <= 3 * slots_.size()) {
      slots_[i] = fp;
      ++size_;
      return Insert::Added;
    }
  }
  if (!grow()) return Insert::Full;
  slots_[find(fp)] = fp;
  ++size_;
  return Insert::Added;
}

}  // namespace weft::checker
