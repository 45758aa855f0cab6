#include "real/files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "primitives/errors.hpp"

namespace weft::real {

namespace fs = std::filesystem;

namespace {

// The path of file `name` in `dir`. Scenario file names are plain names ("out.txt"); anything
// that could reach outside the scratch directory is refused rather than written elsewhere.
fs::path path_in(const std::string& dir, const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
      name.find('\0') != std::string::npos)
    throw OSError("invalid file name on real threads: '" + name + "'");
  return fs::path(dir) / name;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

}  // namespace

void write_real_file(const std::string& dir, const std::string& name, const std::string& text,
                     bool append) {
  std::ofstream out(path_in(dir, name),
                    std::ios::binary | (append ? std::ios::app : std::ios::trunc));
  out << text;
  out.flush();
  if (!out) throw OSError("cannot write file '" + name + "' in " + dir);
}

std::optional<std::string> read_real_file(const std::string& dir, const std::string& name) {
  const fs::path p = path_in(dir, name);
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  return slurp(p);
}

std::map<std::string, std::string> read_files(const std::string& dir) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file(ec)) files[entry.path().filename().string()] = slurp(entry.path());
  return files;
}

}  // namespace weft::real
