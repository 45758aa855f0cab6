// JSON written by hand where a document is a long list of small records (the Perfetto export,
// the page's data), so that the JSON library stays in the few files that read JSON.
#pragma once

#include <string>
#include <string_view>

namespace weft::cli {

// `text` as a JSON string, quotes included. Bytes that are not UTF-8 become U+FFFD; "<", ">" and
// "&" are escaped too, so that the string can sit inside an HTML <script> element as it is.
std::string json_string(std::string_view text);

// A number as JSON writes it: finite, shortest form that reads back the same ("0.5", "2").
std::string json_number(double v);

}  // namespace weft::cli
