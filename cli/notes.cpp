#include "cli/notes.hpp"

#include <cstring>
#include <type_traits>

namespace weft::cli::notes {

namespace {

class Out {
 public:
  explicit Out(Kind k) : s_(1, static_cast<char>(k)) {}
  template <class T>
  Out& num(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    s_.append(reinterpret_cast<const char*>(&v), sizeof v);
    return *this;
  }
  Out& str(const std::string& v) {
    num<std::uint64_t>(v.size());
    s_ += v;
    return *this;
  }
  std::string take() { return std::move(s_); }

 private:
  std::string s_;
};

// Reads a note; any read past its end makes it bad, and a bad note is refused whole.
class In {
 public:
  In(const std::string& s, Kind k) : s_(s), ok_(!s.empty() && s[0] == static_cast<char>(k)) {}
  template <class T>
  T num() {
    T v{};
    if (!ok_ || s_.size() - at_ < sizeof v) return ok_ = false, v;
    std::memcpy(&v, s_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::string str() {
    const auto n = num<std::uint64_t>();
    if (!ok_ || s_.size() - at_ < n) return ok_ = false, std::string();
    std::string v = s_.substr(at_, n);
    at_ += n;
    return v;
  }
  bool ok() const { return ok_; }
  bool done() const { return ok_ && at_ == s_.size(); }

 private:
  const std::string& s_;
  std::size_t at_ = 1;
  bool ok_;
};

void put_outcome(Out& o, const sim::Outcome& x) {
  o.num(x.status).str(x.message).str(x.out).str(x.err).num<std::uint64_t>(x.files.size());
  for (const auto& [name, content] : x.files) o.str(name).str(content);
  o.num<std::uint64_t>(x.blocked.size());
  for (const auto& b : x.blocked) {
    o.str(b.thread).str(b.op).str(b.object).num<std::uint64_t>(b.held_by.size());
    for (const auto& h : b.held_by) o.str(h);
  }
  o.num(x.end_time);
}

sim::Outcome get_outcome(In& in) {
  sim::Outcome x;
  x.status = in.num<sim::Status>();
  x.message = in.str();
  x.out = in.str();
  x.err = in.str();
  for (auto n = in.num<std::uint64_t>(); n > 0 && in.ok(); --n) {
    std::string name = in.str();
    x.files[name] = in.str();
  }
  for (auto n = in.num<std::uint64_t>(); n > 0 && in.ok(); --n) {
    sim::BlockedThread b{in.str(), in.str(), in.str(), {}};
    for (auto h = in.num<std::uint64_t>(); h > 0 && in.ok(); --h)
      b.held_by.push_back(in.str());
    x.blocked.push_back(std::move(b));
  }
  x.end_time = in.num<sim::Time>();
  return x;
}

}  // namespace

std::string group(std::size_t index, const checker::OutcomeGroup& g) {
  Out o(Kind::Group);
  o.num<std::uint64_t>(index).num<std::uint64_t>(g.count);
  put_outcome(o, g.outcome);
  o.num<std::uint64_t>(g.witness.size());
  for (const checker::Choice& c : g.witness) o.num(c);
  return o.take();
}

std::optional<std::pair<std::size_t, checker::OutcomeGroup>> read_group(const std::string& note) {
  In in(note, Kind::Group);
  const auto index = in.num<std::uint64_t>();
  checker::OutcomeGroup g;
  g.count = in.num<std::uint64_t>();
  g.outcome = get_outcome(in);
  for (auto n = in.num<std::uint64_t>(); n > 0 && in.ok(); --n)
    g.witness.push_back(in.num<checker::Choice>());
  if (!in.done()) return std::nullopt;
  return std::make_pair(static_cast<std::size_t>(index), std::move(g));
}

std::string verdict(const Verdict& v) {
  Out o(Kind::Verdict);
  o.num<std::int32_t>(v.exit_code).str(v.headline).str(v.details).str(v.failure_type).str(v.trace);
  return o.take();
}

std::optional<Verdict> read_verdict(const std::string& note) {
  In in(note, Kind::Verdict);
  Verdict v;
  v.exit_code = in.num<std::int32_t>();
  v.headline = in.str();
  v.details = in.str();
  v.failure_type = in.str();
  v.trace = in.str();
  if (!in.done()) return std::nullopt;
  return v;
}

std::string decision(const checker::TraceDecision& d) {
  Out o(Kind::Decision);
  o.num(d.kind).str(d.thread).num(d.chosen).num(d.options);
  return o.take();
}

std::optional<checker::TraceDecision> read_decision(const std::string& note) {
  In in(note, Kind::Decision);
  checker::TraceDecision d{};
  d.kind = in.num<sim::Decision>();
  d.thread = in.str();
  d.chosen = in.num<std::uint32_t>();
  d.options = in.num<std::uint32_t>();
  if (!in.done()) return std::nullopt;
  return d;
}

std::string event(std::size_t index, const checker::TraceEvent& e) {
  Out o(Kind::Event);
  o.num<std::uint64_t>(index).num(e.step).num(e.time).str(e.thread).str(e.op).str(e.object).num(
      e.result);
  o.str(e.text).num<std::uint8_t>(e.waited ? 1 : 0).num(e.waited_after).num(e.woken_by);
  o.num<std::uint64_t>(e.held_by.size());
  for (const std::string& h : e.held_by) o.str(h);
  return o.take();
}

std::optional<std::pair<std::size_t, checker::TraceEvent>> read_event(const std::string& note) {
  In in(note, Kind::Event);
  const auto index = in.num<std::uint64_t>();
  checker::TraceEvent e{};
  e.step = in.num<std::uint64_t>();
  e.time = in.num<double>();
  e.thread = in.str();
  e.op = in.str();
  e.object = in.str();
  e.result = in.num<std::int64_t>();
  e.text = in.str();
  e.waited = in.num<std::uint8_t>() != 0;
  e.waited_after = in.num<std::uint64_t>();
  e.woken_by = in.num<std::uint64_t>();
  for (auto h = in.num<std::uint64_t>(); h > 0 && in.ok(); --h) e.held_by.push_back(in.str());
  if (!in.done()) return std::nullopt;
  return std::make_pair(static_cast<std::size_t>(index), std::move(e));
}

std::string outcome(const sim::Outcome& x) {
  Out o(Kind::Outcome);
  put_outcome(o, x);
  return o.take();
}

std::optional<sim::Outcome> read_outcome(const std::string& note) {
  In in(note, Kind::Outcome);
  sim::Outcome x = get_outcome(in);
  if (!in.done()) return std::nullopt;
  return x;
}

}  // namespace weft::cli::notes
