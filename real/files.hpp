// The scenario's files as real files in a scratch directory (DESIGN.md, Semantics 4: real files
// on real threads). A file name is one directory entry: names that would leave the directory
// are refused.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace weft::real {

// Writes (or, with `append`, appends) `text` to file `name` in `dir`. Throws weft::OSError
// when it cannot.
void write_real_file(const std::string& dir, const std::string& name, const std::string& text,
                     bool append);
// The content of file `name` in `dir`; nullopt when there is no such file.
std::optional<std::string> read_real_file(const std::string& dir, const std::string& name);
// Every regular file in `dir`, by name; empty when `dir` cannot be read.
std::map<std::string, std::string> read_files(const std::string& dir);

}  // namespace weft::real
