#include "cli/option_checks.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "checker/output_file.hpp"

namespace weft::cli {

std::string whole_number_error(const std::string& text, std::uint64_t lo, std::uint64_t hi) {
  const std::string range = " from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
    return "expects a whole number" + range + ", got '" + text + "'";
  errno = 0;
  const unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
  if (errno == ERANGE || v < lo || v > hi) return "must be" + range + ", got '" + text + "'";
  return "";
}

std::string seconds_error(const std::string& text, double lo, double hi) {
  std::ostringstream range;
  range << " from " << lo << " to " << hi << " seconds";
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(v))
    return "expects a number" + range.str() + ", got '" + text + "'";
  if (v < lo || v > hi) return "must be" + range.str() + ", got '" + text + "'";
  return "";
}

std::string output_file_error(const std::string& path) {
  try {
    checker::check_output_file(path);
    return "";
  } catch (const checker::OutputFileError& e) {
    return "cannot write '" + path + "': " + e.what();
  }
}

}  // namespace weft::cli
