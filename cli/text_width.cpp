#include "cli/text_width.hpp"

#include <cstdint>

namespace weft::cli {

namespace {

// The next character of `s` from `i`: its code point and its length in bytes (1 for a byte
// that does not start valid UTF-8, which then counts as one column).
std::pair<std::uint32_t, std::size_t> next_char(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : (b >> 3) == 0x1e ? 4 : 0;
  if (n == 0 || i + n > s.size()) return {0xfffd, 1};
  std::uint32_t c = n == 1 ? b : b & (0x7f >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto cont = static_cast<unsigned char>(s[i + k]);
    if ((cont & 0xc0) != 0x80) return {0xfffd, 1};
    c = (c << 6) | (cont & 0x3f);
  }
  return {c, n};
}

// East Asian Wide and Fullwidth ranges (Unicode UAX #11), and the combining marks most text
// meets: enough for the scenarios' output, not a full wcwidth.
std::size_t columns(std::uint32_t c) {
  if ((c >= 0x0300 && c <= 0x036f) || (c >= 0x200b && c <= 0x200f) || c == 0xfe0f) return 0;
  const bool wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) ||
                    (c >= 0x3041 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x4dbf) ||
                    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
                    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
                    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
                    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
                    (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd);
  return wide ? 2 : 1;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto [c, n] = next_char(text, i);
    w += columns(c);
    i += n;
  }
  return w;
}

std::vector<std::string> fold(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t used = 0;
  const auto flush = [&] {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    lines.push_back(std::move(line));
    line.clear();
    used = 0;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    // The next word and the spaces before it.
    std::size_t j = i;
    while (j < text.size() && text[j] == ' ') ++j;
    std::size_t k = j;
    while (k < text.size() && text[k] != ' ') ++k;
    const std::string spaces = text.substr(i, j - i);
    const std::string word = text.substr(j, k - j);
    const std::size_t ww = display_width(word);
    if (used > 0 && used + spaces.size() + ww > width) flush();
    if (used > 0) {
      line += spaces;
      used += spaces.size();
    }
    // A word wider than a line is cut where the line is full.
    for (std::size_t at = 0; at < word.size();) {
      const auto [c, n] = next_char(word, at);
      const std::size_t cw = columns(c);
      if (used + cw > width && used > 0) flush();
      line += word.substr(at, n);
      used += cw;
      at += n;
    }
    i = k;
  }
  if (!line.empty() || lines.empty()) flush();
  return lines;
}

}  // namespace weft::cli
