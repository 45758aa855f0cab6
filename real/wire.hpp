// How a child process running one execution talks to its parent over a pipe: a stream of
// frames, each a tag byte and a length-prefixed payload. Output chunks travel as they are
// written, so a run killed as hung still shows what it printed; the outcome comes last.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/outcome.hpp"

namespace weft::real::wire {

enum class Tag : char {
  Stdout = 'o',   // a chunk of stdout, as the program wrote it
  Stderr = 'e',   // a chunk of stderr
  Outcome = 'R',  // the execution's outcome (encode_outcome), the last frame
};

// One frame, ready to write.
std::string frame(Tag tag, const std::string& payload);
std::string encode_outcome(const sim::Outcome& o);
// The outcome encode_outcome wrote; nullopt if `bytes` is not one.
std::optional<sim::Outcome> decode_outcome(const std::string& bytes);

// Reassembles frames from bytes read in arbitrary pieces.
class Reader {
 public:
  void feed(const char* data, std::size_t n) { buf_.append(data, n); }
  // The next whole frame, if one has arrived.
  bool next(Tag& tag, std::string& payload);
  // Bytes of an incomplete frame left over (a child that died mid-write).
  bool has_partial() const { return !buf_.empty(); }

 private:
  std::string buf_;
};

}  // namespace weft::real::wire
