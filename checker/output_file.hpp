// Every file weft writes for the user (traces, JUnit reports) goes through here, so that a path
// is treated the way a shell's `>` treats it, but whole or not at all where that is possible: a
// symbolic link stays a link (its target gets the text), a FIFO or a terminal gets the bytes,
// /dev/stdout is weft's own standard output, and nothing that is not a regular file is ever
// removed or replaced.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace weft::checker {

// Why an output file cannot be written: one line, without the path (the caller names it).
struct OutputFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Writes `text` to `path`.
// - A regular file, or none yet: a temporary file in the same directory, renamed onto the path
//   once it is complete (a replaced file keeps its permissions). Readers never see half a file.
// - A symbolic link: followed (to its target's directory, even when the target does not exist
//   yet); the link itself is left as it is.
// - A FIFO or a character device: written straight into; a FIFO must have a reader already.
// - /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: written to that descriptor of weft,
//   after what weft has printed so far.
// - Anything else (a directory, a block device, a socket): refused.
// Throws OutputFileError; on a regular file, nothing is left behind then.
void write_output_file(const std::string& path, std::string_view text);

// Throws OutputFileError unless write_output_file(path, ...) can be expected to succeed; for
// checking before a long run. Opens no FIFO (its reader would see the end of its input).
void check_output_file(const std::string& path);

}  // namespace weft::checker
