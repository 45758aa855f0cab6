#include "real/wire.hpp"

#include <cstring>

namespace weft::real::wire {

namespace {

constexpr std::size_t kHeader = 1 + sizeof(std::uint64_t);

void put_u64(std::string& out, std::uint64_t v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);  // same machine on both ends
}

void put_str(std::string& out, const std::string& s) {
  put_u64(out, s.size());
  out += s;
}

// Reads from `in` at `pos`, advancing it; false when the bytes run out.
struct Cursor {
  const std::string& in;
  std::size_t pos = 0;

  bool u64(std::uint64_t& v) {
    if (in.size() - pos < sizeof v) return false;
    std::memcpy(&v, in.data() + pos, sizeof v);
    pos += sizeof v;
    return true;
  }
  bool str(std::string& s) {
    std::uint64_t n = 0;
    if (!u64(n) || in.size() - pos < n) return false;
    s.assign(in, pos, n);
    pos += n;
    return true;
  }
};

}  // namespace

std::string frame(Tag tag, const std::string& payload) {
  std::string out(1, static_cast<char>(tag));
  put_str(out, payload);
  return out;
}

// Status, message, stdout, stderr, files, end time: what a real run can produce (it reports no
// blocked threads).
std::string encode_outcome(const sim::Outcome& o) {
  std::string out;
  put_u64(out, static_cast<std::uint64_t>(o.status));
  put_str(out, o.message);
  put_str(out, o.out);
  put_str(out, o.err);
  put_u64(out, o.files.size());
  for (const auto& [name, content] : o.files) {
    put_str(out, name);
    put_str(out, content);
  }
  put_u64(out, static_cast<std::uint64_t>(o.end_time));
  return out;
}

std::optional<sim::Outcome> decode_outcome(const std::string& bytes) {
  Cursor c{bytes};
  sim::Outcome o;
  std::uint64_t status = 0, files = 0, end = 0;
  if (!c.u64(status) || status > static_cast<std::uint64_t>(sim::Status::Hung)) return {};
  o.status = static_cast<sim::Status>(status);
  if (!c.str(o.message) || !c.str(o.out) || !c.str(o.err) || !c.u64(files)) return {};
  for (std::uint64_t i = 0; i < files; ++i) {
    std::string name, content;
    if (!c.str(name) || !c.str(content)) return {};
    o.files[name] = content;
  }
  if (!c.u64(end) || c.pos != bytes.size()) return {};
  o.end_time = static_cast<sim::Time>(end);
  return o;
}

bool Reader::next(Tag& tag, std::string& payload) {
  if (buf_.size() < kHeader) return false;
  std::uint64_t n = 0;
  std::memcpy(&n, buf_.data() + 1, sizeof n);
  if (buf_.size() - kHeader < n) return false;
  tag = static_cast<Tag>(buf_[0]);
  payload.assign(buf_, kHeader, n);
  buf_.erase(0, kHeader + n);
  return true;
}

}  // namespace weft::real::wire
