#include "checker/output_names.hpp"

#include <algorithm>
#include <numeric>

namespace weft::checker {

namespace {
constexpr char kMark = '\0';  // in a template: kMark kSlot a name, kMark kLiteral a '\0'
constexpr char kSlot = '\0';
constexpr char kLiteral = '\1';
constexpr std::uint64_t kMaxRenders = 100000;  // check_templates' work

bool continues_name(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
}  // namespace

Renamings::Renamings(std::size_t width) : width_(width) {
  std::u16string id(width, u'\0');
  for (std::size_t k = 0; k < width; ++k) id[k] = static_cast<char16_t>(k);
  intern(id);
}

std::uint32_t Renamings::intern(const std::u16string& p) {
  const auto [it, added] = ids_.try_emplace(p, static_cast<std::uint32_t>(perms_.size()));
  if (added) perms_.push_back(p);
  return it->second;
}

std::uint32_t Renamings::between(const std::vector<sim::ThreadId>& from,
                                 const std::vector<sim::ThreadId>& to) {
  const auto f = [&](std::size_t a) { return a < from.size() ? from[a] : a; };
  std::u16string p(width_, u'\0');
  for (std::size_t a = 0; a < width_; ++a) {
    const std::size_t k = a < to.size() ? to[a] : a;  // thread a has label k in `to`
    p[k] = static_cast<char16_t>(f(a));
  }
  return intern(p);
}

std::uint32_t Renamings::compose(std::uint64_t m, std::uint32_t step) {
  const auto perm = static_cast<std::uint32_t>(m);
  if (step == 0) return perm;
  const std::uint64_t key = static_cast<std::uint64_t>(perm) << 32 | step;
  if (const auto it = composed_.find(key); it != composed_.end()) return it->second;
  std::u16string p(width_, u'\0');
  for (std::size_t k = 0; k < width_; ++k) p[k] = perms_[perm][perms_[step][k]];
  const std::uint32_t id = intern(p);
  composed_.emplace(key, id);
  return id;
}

Names::Names(const OutputGraph& g) : g_(g), is_movable_(g.names.size(), false) {
  if (g.names_differ) {
    why_not_ = "a thread's name or class differs between states";
    return;
  }
  if (g.names.size() > 0xffff) {
    why_not_ = "too many threads to rename";
    return;
  }
  std::set<std::string> seen;
  for (std::size_t t = 0; t < g.names.size(); ++t) {
    if (g.classes[t] == 0) continue;
    if (g.names[t].empty() || !seen.insert(g.names[t]).second) {
      why_not_ = "two interchangeable threads share the name '" + g.names[t] + "'";
      return;
    }
    movable_.push_back(static_cast<Id>(t));
    is_movable_[t] = true;
  }
  longest_first_ = movable_;
  std::stable_sort(longest_first_.begin(), longest_first_.end(), [&](Id x, Id y) {
    return g.names[x].size() > g.names[y].size();
  });
}

// Left to right, the longest name that begins here is a name; it must not be followed by what
// could continue a name ("Thread-1" then "0" reads as Thread-10 once renamed).
Names::Parsed Names::cut(std::string_view line) const {
  Parsed p;
  for (std::size_t i = 0; i < line.size();) {
    bool named = false;
    for (Id t : longest_first_) {
      const std::string& name = g_.names[t];
      if (line.compare(i, name.size(), name) != 0) continue;
      const std::size_t after = i + name.size();
      if (after < line.size() && continues_name(line[after])) {
        p.why_not = "the name '" + name + "' is followed by a letter or digit in a line printed";
        return p;
      }
      p.tmpl += kMark;
      p.tmpl += kSlot;
      p.refs.push_back(t);
      i = after;
      named = true;
      break;
    }
    if (named) continue;
    p.tmpl += line[i];
    if (line[i] == kMark) p.tmpl += kLiteral;
    ++i;
  }
  return p;
}

Names::Parsed Names::parse(std::string_view line) {
  Parsed p = cut(line);
  if (p.why_not.empty() && !p.refs.empty()) templates_.insert(p.tmpl);
  return p;
}

bool Names::plain(std::string_view text) const {
  for (Id t : movable_)
    if (text.find(g_.names[t]) != std::string_view::npos) return false;
  return true;
}

std::string Names::render(const std::string& tmpl, const std::vector<Id>& refs) const {
  std::string out;
  std::size_t j = 0;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != kMark) {
      out += tmpl[i];
    } else if (tmpl[++i] == kSlot) {
      out += g_.names[refs[j++]];
    } else {
      out += kMark;
    }
  }
  return out;
}

// Every assignment of interchangeable threads to a template's names, rendered and cut again.
std::string Names::check_templates() const {
  std::uint64_t renders = 0;
  for (const std::string& tmpl : templates_) {
    std::size_t slots = 0;
    for (std::size_t i = 0; i + 1 < tmpl.size(); ++i)
      if (tmpl[i] == kMark) slots += tmpl[++i] == kSlot ? 1 : 0;
    std::vector<std::size_t> at(slots, 0);  // an odometer over movable_
    for (bool more = true; more;) {
      if (++renders > kMaxRenders) return "too many ways to rename the lines printed to check";
      std::vector<Id> refs(slots);
      for (std::size_t s = 0; s < slots; ++s) refs[s] = movable_[at[s]];
      const Parsed back = cut(render(tmpl, refs));
      if (!back.why_not.empty()) return back.why_not;
      if (back.tmpl != tmpl || back.refs != refs)
        return "a line printed, renamed, reads as another line";
      more = false;
      for (std::size_t s = 0; s < slots && !more; ++s) {
        more = ++at[s] < movable_.size();
        if (!more) at[s] = 0;
      }
    }
  }
  return {};
}

std::vector<std::uint64_t> Names::canonical(
    std::vector<std::uint64_t> s, Renamings& r,
    const std::vector<std::vector<sim::ThreadId>>& ties) const {
  const std::size_t width = r.width();
  // Where each interchangeable thread stands in each member: (node, the least label of its
  // label's tie), sorted. Tied labels are one place: a member stands for its state whichever of
  // them a thread takes.
  std::vector<std::vector<std::uint64_t>> where(width);
  for (std::uint64_t m : s) {
    const std::u16string& p = r.at(static_cast<std::uint32_t>(m));
    const auto node = static_cast<std::uint32_t>(m >> 32);
    const std::vector<sim::ThreadId>* t = node < ties.size() ? &ties[node] : nullptr;
    for (std::size_t k = 0; k < width; ++k) {
      const std::size_t place = t != nullptr && k < t->size() ? (*t)[k] : k;
      if (is_movable_[p[k]]) where[p[k]].push_back(std::uint64_t{node} << 16 | place);
    }
  }
  for (Id t : movable_) std::sort(where[t].begin(), where[t].end());
  std::vector<Id> order = movable_;
  std::stable_sort(order.begin(), order.end(), [&](Id x, Id y) { return where[x] < where[y]; });
  std::vector<Id> rho(width);
  std::iota(rho.begin(), rho.end(), Id{0});
  for (std::size_t i = 0; i < order.size(); ++i) rho[order[i]] = movable_[i];
  std::u16string p(width, u'\0');
  for (std::uint64_t& m : s) {
    const std::u16string& q = r.at(static_cast<std::uint32_t>(m));
    for (std::size_t k = 0; k < width; ++k) p[k] = static_cast<char16_t>(rho[q[k]]);
    m = (m >> 32) << 32 | r.intern(p);
  }
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
  return s;
}

}  // namespace weft::checker
