#include "checker/describe.hpp"

#include <algorithm>
#include <cstring>

#include "checker/explore.hpp"
#include "checker/fingerprints.hpp"

namespace weft::checker {

std::vector<std::string_view> stream_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    if (nl == std::string_view::npos) {
      lines.push_back(text);
      break;
    }
    lines.push_back(text.substr(0, nl));
    text.remove_prefix(nl + 1);
  }
  return lines;
}

std::string line_label(const DescribedLine& l) {
  if (l.occurrence == 1) return l.text;
  const std::uint32_t k = l.occurrence;
  const char* suffix = (k % 100 >= 11 && k % 100 <= 13) ? "th"
                       : k % 10 == 1                    ? "st"
                       : k % 10 == 2                    ? "nd"
                       : k % 10 == 3                    ? "rd"
                                                        : "th";
  return l.text + " (" + std::to_string(k) + suffix + ")";
}

Describer::Describer(std::size_t max_lines)
    : max_lines_(max_lines), words_((max_lines + 63) / 64) {}

std::uint32_t Describer::text_id(std::string_view text) {
  const std::uint64_t h = fingerprint_text(text, 0);
  auto [first, last] = texts_by_hash_.equal_range(h);
  for (auto it = first; it != last; ++it)
    if (texts_[it->second].text == text) return it->second;
  const auto id = static_cast<std::uint32_t>(texts_.size());
  texts_.push_back(Text{std::string(text), {}, 0});
  texts_by_hash_.emplace(h, id);
  return id;
}

// Outcomes found one after another mostly share a beginning (a search varies the end of a
// schedule first): the lines of the one before that are still whole in this one keep their ids,
// found by one comparison of the texts instead of a lookup per line.
std::size_t Describer::reuse_prefix(std::string_view out, std::vector<std::uint32_t>& ids) {
  const std::size_t n = std::min(out.size(), last_out_.size());
  std::size_t same = 0;  // compared eight bytes at a time: a byte loop cost 6 instructions a byte
  while (same + 8 <= n && std::memcmp(out.data() + same, last_out_.data() + same, 8) == 0)
    same += 8;
  while (same < n && out[same] == last_out_[same]) ++same;
  std::size_t k = 0;  // lines of the last outcome whose newline lies within `same`
  while (k < last_ends_.size() && last_ends_[k] < same) ++k;
  ids.assign(last_ids_.begin(), last_ids_.begin() + static_cast<std::ptrdiff_t>(k));
  for (const std::uint32_t id : ids) ++texts_[lines_[id].text].in_outcome;
  last_ends_.resize(k);
  return k == 0 ? 0 : last_ends_.back() + 1;
}

bool Describer::line_ids(std::string_view out, std::vector<std::uint32_t>& ids) {
  std::size_t at = reuse_prefix(out, ids);
  bool fits = true;
  while (fits && at < out.size()) {
    std::size_t end = out.find('\n', at);
    const std::string_view line = out.substr(at, end == std::string_view::npos ? end : end - at);
    if (end == std::string_view::npos) end = out.size();
    Text* t = &texts_[text_id(line)];
    const std::uint32_t k = t->in_outcome++;
    if (k == t->lines.size()) {
      if (lines_.size() == max_lines_) {
        fits = false;
        break;
      }
      t->lines.push_back(static_cast<std::uint32_t>(lines_.size()));
      lines_.push_back(Line{static_cast<std::uint32_t>(t - texts_.data()), k + 1});
      after_.resize(lines_.size() * words_, 0);
    }
    ids.push_back(t->lines[k]);
    last_ends_.push_back(end);
    at = end + 1;
  }
  for (const std::uint32_t id : ids) texts_[lines_[id].text].in_outcome = 0;
  last_out_.assign(out);
  last_ids_ = ids;
  return fits;
}

// A line's neighbour is known while every outcome printing it has the same one there.
void Describer::note_neighbours(const std::vector<std::uint32_t>& ids) {
  const auto meet = [](std::uint32_t& known, std::uint32_t seen) {
    if (known == kNone) {
      known = seen;
    } else if (known != seen) {
      known = kVaries;
    }
  };
  for (std::size_t i = 0; i < ids.size(); ++i) {
    Line& l = lines_[ids[i]];
    ++l.outcomes;
    meet(l.next, i + 1 < ids.size() ? ids[i + 1] : kVaries);
    meet(l.prev, i > 0 ? ids[i - 1] : kVaries);
  }
}

// Row of each line |= the lines printed after it: one pass from the end, O(lines · words).
void Describer::note_order(const std::vector<std::uint32_t>& ids) {
  const std::size_t used = (lines_.size() + 63) / 64;
  later_.assign(used, 0);
  for (std::size_t i = ids.size(); i-- > 0;) {
    std::uint64_t* row = &after_[ids[i] * words_];
    for (std::size_t w = 0; w < used; ++w) row[w] |= later_[w];
    later_[ids[i] / 64] |= std::uint64_t{1} << (ids[i] % 64);
  }
}

void Describer::give_up() {
  too_many_ = true;
  lines_ = {};
  texts_ = {};
  texts_by_hash_ = {};
  after_ = {};
}

void Describer::add(const sim::Outcome& o) {
  ++outcomes_;
  ++statuses_[static_cast<std::size_t>(o.status)];
  if (too_many_) return;
  if (!line_ids(o.out, ids_)) {
    give_up();
    return;
  }
  note_neighbours(ids_);
  note_order(ids_);
}

std::vector<std::vector<std::size_t>> glued_blocks(const std::vector<std::int64_t>& next,
                                                   const std::vector<std::int64_t>& prev) {
  const auto glued = [&](std::size_t a) {
    return next[a] >= 0 && prev[static_cast<std::size_t>(next[a])] == static_cast<std::int64_t>(a);
  };
  std::vector<std::vector<std::size_t>> blocks;
  for (std::size_t a = 0; a < next.size(); ++a) {
    if ((prev[a] >= 0 && glued(static_cast<std::size_t>(prev[a]))) || !glued(a)) continue;
    std::vector<std::size_t> block{a};
    for (std::size_t at = a; glued(at);) {
      at = static_cast<std::size_t>(next[at]);
      block.push_back(at);
    }
    blocks.push_back(std::move(block));
  }
  return blocks;
}

// Line a and the line b always after it are glued when b always has a before it: every outcome
// printing either prints both, a right before b.
std::vector<std::vector<std::size_t>> Describer::find_blocks() const {
  const auto known = [&](std::uint32_t l) {
    return l < lines_.size() ? static_cast<std::int64_t>(l) : std::int64_t{-1};
  };
  std::vector<std::int64_t> next(lines_.size()), prev(lines_.size());
  for (std::size_t a = 0; a < lines_.size(); ++a) {
    next[a] = known(lines_[a].next);
    prev[a] = known(lines_[a].prev);
  }
  return glued_blocks(next, prev);
}

void Describer::count_executions(Description& d, const std::vector<OutcomeGroup>& all) const {
  for (DescribedLine& l : d.lines) l.executions = 0;
  std::vector<std::uint32_t> seen(texts_.size(), 0);
  std::unordered_map<std::string_view, std::uint32_t> ids;
  for (std::uint32_t t = 0; t < texts_.size(); ++t) ids.emplace(texts_[t].text, t);
  for (const OutcomeGroup& g : all) {
    std::fill(seen.begin(), seen.end(), 0);
    for (const std::string_view line : stream_lines(g.outcome.out)) {
      const std::uint32_t t = ids.at(line);
      *d.lines[texts_[t].lines[seen[t]++]].executions += g.count;
    }
  }
}

Description Describer::finish(const std::vector<OutcomeGroup>* all) const {
  Description d;
  d.outcomes = outcomes_;
  d.statuses = statuses_;
  d.max_lines = max_lines_;
  d.too_many_lines = too_many_;
  if (too_many_) return d;
  for (const Line& l : lines_)
    d.lines.push_back({texts_[l.text].text, l.occurrence, l.outcomes, {}});
  if (all != nullptr) count_executions(d, *all);
  d.blocks = find_blocks();
  const std::size_t n = lines_.size();
  std::vector<std::vector<bool>> before(n, std::vector<bool>(n, false));
  for (std::uint32_t a = 0; a < n; ++a)
    for (std::uint32_t b = 0; b < n; ++b)
      before[a][b] = ever_before(a, b) && !ever_before(b, a);
  describe_order(d, before);
  return d;
}

}  // namespace weft::checker
