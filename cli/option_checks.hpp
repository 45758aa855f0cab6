// What the command line checks in an option's text before it is converted: numbers within their
// type and meaningful range (a conversion would turn "-1" into an unsigned option's largest value
// and accept "nan"), and output files that can be written. Each returns "" when the text is
// good, else the reason, in one line.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

namespace weft::cli {

inline constexpr std::uint64_t kMaxU64 = std::numeric_limits<std::uint64_t>::max();
// Wall-clock seconds an option may ask for (about 30 years): beyond it nobody waits.
inline constexpr double kMaxWallSeconds = 1e9;

// A whole number from `lo` to `hi`, digits only.
std::string whole_number_error(const std::string& text, std::uint64_t lo, std::uint64_t hi);
// A finite number of seconds from `lo` to `hi`.
std::string seconds_error(const std::string& text, double lo, double hi);
// A path checker::write_output_file can be expected to write.
std::string output_file_error(const std::string& path);

}  // namespace weft::cli
