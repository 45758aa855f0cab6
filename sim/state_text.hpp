// Values in words, for screens of an execution's state (Object::state): numbers, strings, and
// pairs, tuples and vectors of them, written as Python writes them (42, 'text', (1, 'a'), [1, 2]).
// The same types hash_value (sim/state_hash.hpp) hashes whole; any other has no text.
#pragma once

#include <charconv>
#include <string>
#include <tuple>
#include <type_traits>

#include "sim/state_hash.hpp"

namespace weft::sim {

template <class Items>
bool text_items(std::string& out, const Items& items);

// Appends `v` in words to `out`; false (and `out` unspecified) for a type with no text.
template <class T>
bool text_value(std::string& out, const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    out += v ? "True" : "False";
    return true;
  } else if constexpr (std::is_integral_v<T> || std::is_enum_v<T>) {
    if constexpr (std::is_enum_v<T>) {
      out += std::to_string(static_cast<std::underlying_type_t<T>>(v));
    } else {
      out += std::to_string(v);
    }
    return true;
  } else if constexpr (std::is_floating_point_v<T> && sizeof(T) <= 8) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<double>(v));
    out.append(buf, r.ptr);
    return true;
  } else if constexpr (std::is_same_v<T, std::string>) {
    out += '\'';
    out += v;
    out += '\'';
    return true;
  } else if constexpr (requires { std::tuple_size<T>::value; }) {
    out += '(';
    bool first = true;
    const bool ok = std::apply(
        [&](const auto&... e) {
          return ((out += first ? "" : ", ", first = false, text_value(out, e)) && ...);
        },
        v);
    out += ')';
    return ok;
  } else if constexpr (IsVector<T>::value) {
    return text_items(out, v);
  } else {
    return false;
  }
}

// Appends the items of a sequence as a list, "[1, 2]"; false when an item has no text.
template <class Items>
bool text_items(std::string& out, const Items& items) {
  out += '[';
  bool first = true;
  for (const auto& e : items) {
    if (!first) out += ", ";
    first = false;
    if (!text_value(out, e)) return false;
  }
  out += ']';
  return true;
}

}  // namespace weft::sim
