// How wide text is on a terminal, and text folded to a width: what lays out columns of UTF-8
// text (cli/lanes.cpp), where a Chinese character takes two columns.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace weft::cli {

// Columns `text` (UTF-8, no control characters) takes: two for East Asian wide characters,
// none for combining marks, one otherwise (and for each byte that is not valid UTF-8).
std::size_t display_width(std::string_view text);

// `text` as lines at most `width` columns wide (width >= 2): broken at spaces where it can, and
// within a word that is wider than a line.
std::vector<std::string> fold(const std::string& text, std::size_t width);

}  // namespace weft::cli
