// Fresh directories for the files of real runs: one per run, removed when the run is done, or
// kept under a directory the user named (--keep-files DIR).
#pragma once

#include <cstddef>
#include <string>

namespace weft::cli {

class ScratchDirs {
 public:
  // With `keep` empty: under a new private directory in the system's temporary directory, all
  // removed at the end. Otherwise under `keep` (created if missing), which must hold nothing
  // yet, and kept. A UsageError when `keep` cannot be used.
  explicit ScratchDirs(const std::string& keep);
  ~ScratchDirs();
  ScratchDirs(const ScratchDirs&) = delete;
  ScratchDirs& operator=(const ScratchDirs&) = delete;

  // Creates and returns the directory of run `i` (from 0): ROOT/run-<i+1>.
  std::string make(std::size_t i);
  // Run `i` is over: its directory goes unless kept.
  void done(std::size_t i);
  const std::string& root() const { return root_; }

 private:
  std::string path(std::size_t i) const;

  std::string root_;
  bool keep_;
};

}  // namespace weft::cli
