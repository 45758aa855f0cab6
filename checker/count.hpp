// A count of distinct outcomes or executions that may pass 2^64: an output set is as large as the
// orders of its lines (semaphore with 23 threads: 23! ≈ 2.6·10^22 outputs), and a count that
// wraps or rounds is a wrong answer. 128 bits hold 34! and every count a search can reach.
#pragma once

#include <cstdint>
#include <string>

namespace weft::checker {

// GCC and Clang on 64-bit targets have it; __extension__ says the non-standard type is meant.
__extension__ typedef unsigned __int128 Count;

// The exact decimal digits of `n`.
inline std::string to_decimal(Count n) {
  char digits[40];  // 2^128 has 39 digits
  char* first = digits + sizeof digits;
  do {
    *--first = static_cast<char>('0' + static_cast<int>(n % 10));
    n /= 10;
  } while (n != 0);
  return std::string(first, digits + sizeof digits);
}

// Whether `n` fits a JSON number that every reader takes exactly (an IEEE double holds every
// integer up to 2^53): beyond, a count is written as a decimal string.
inline bool fits_json_number(Count n) { return n <= (Count{1} << 53); }

}  // namespace weft::checker
