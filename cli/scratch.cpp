#include "cli/scratch.hpp"

#include <stdlib.h>

#include <filesystem>
#include <system_error>

#include "cli/args.hpp"

namespace weft::cli {

namespace fs = std::filesystem;

ScratchDirs::ScratchDirs(const std::string& keep) : keep_(!keep.empty()) {
  std::error_code ec;
  if (keep_) {
    fs::create_directories(keep, ec);
    if (ec || !fs::is_directory(keep))
      throw UsageError("cannot create --keep-files directory '" + keep + "'");
    if (!fs::is_empty(keep, ec))
      throw UsageError("--keep-files directory '" + keep + "' is not empty");
    root_ = keep;
    return;
  }
  std::string pattern = (fs::temp_directory_path(ec) / "weft-runs-XXXXXX").string();
  if (ec || ::mkdtemp(pattern.data()) == nullptr)
    throw UsageError("cannot create a scratch directory for the runs' files");
  root_ = pattern;
}

ScratchDirs::~ScratchDirs() {
  std::error_code ec;
  if (!keep_) fs::remove_all(root_, ec);
}

std::string ScratchDirs::path(std::size_t i) const {
  return (fs::path(root_) / ("run-" + std::to_string(i + 1))).string();
}

std::string ScratchDirs::make(std::size_t i) {
  const std::string p = path(i);
  std::error_code ec;
  fs::create_directory(p, ec);
  if (ec) throw std::system_error(ec, "cannot create " + p);
  return p;
}

void ScratchDirs::done(std::size_t i) {
  std::error_code ec;
  if (!keep_) fs::remove_all(path(i), ec);
}

}  // namespace weft::cli
