#include "checker/outcomes.hpp"

namespace weft::checker {

std::uint64_t fingerprint(const sim::Outcome& o) {
  // Each field's length goes into its hash, and each field but stdout into its seed, so that
  // chaining them cannot confuse where one ends and the next begins, nor one field with another.
  // Empty fields are skipped: most outcomes have only stdout, and every execution is hashed.
  constexpr std::uint64_t kMessage = 0x6d657373616765ULL, kErr = 0x737464657272ULL,
                          kFiles = 0x66696c6573ULL;
  std::uint64_t h = fingerprint_text(o.out, static_cast<std::uint64_t>(o.status));
  if (!o.message.empty()) h = fingerprint_text(o.message, h ^ kMessage);
  if (!o.err.empty()) h = fingerprint_text(o.err, h ^ kErr);
  if (!o.files.empty()) h ^= kFiles + o.files.size();
  for (const auto& [name, content] : o.files) {
    h = fingerprint_text(name, h);
    h = fingerprint_text(content, h);
  }
  return h;
}

const OutcomeGroup* OutcomeTable::keep(const sim::Outcome& o, const Schedule& schedule,
                                       std::uint64_t fp) {
  by_fingerprint_.emplace(fp, groups_.size());
  last_ = groups_.size();
  groups_.push_back(OutcomeGroup{o, 1, schedule, distinct_});
  return &groups_.back();
}

OutcomeTable::OutcomeTable(const Options& options, std::uint64_t fingerprint_bytes)
    : OutcomeTable(options.keep_outcomes, fingerprint_bytes) {
  if (options.describe_lines > 0) describer_.emplace(options.describe_lines);
  sample_ = Reservoir(options.sample, options.sample_seed);
}

void OutcomeTable::count_new(const sim::Outcome& o, const Schedule& schedule, bool kept) {
  ++distinct_;
  ++by_status_[static_cast<std::size_t>(o.status)];
  if (describer_) describer_->add(o);
  if (!kept) sample_.offer(o, schedule, distinct_);
}

const OutcomeGroup* OutcomeTable::add(const sim::Outcome& o, const Schedule& schedule,
                                      bool must_keep) {
  if (last_ < groups_.size() && groups_[last_].outcome.same_as(o)) {
    ++groups_[last_].count;
    return &groups_[last_];
  }
  const std::uint64_t fp = fingerprint(o);
  auto [first, last] = by_fingerprint_.equal_range(fp);
  for (auto it = first; it != last; ++it) {
    OutcomeGroup& g = groups_[it->second];
    if (g.outcome.same_as(o)) {
      ++g.count;
      last_ = it->second;
      return &g;
    }
  }
  // Not among the kept ones: new, or met before and counted by its fingerprint alone. While
  // every outcome counted so far is kept, it is new whatever the set says: a fingerprint present
  // is a collision with a kept one, a full set knows nothing the kept ones do not.
  const FingerprintSet::Insert seen = seen_.insert(fp);
  const bool first_of_status = by_status_[static_cast<std::size_t>(o.status)] == 0;
  const bool is_new = seen == FingerprintSet::Insert::Added || not_kept_ == 0 || first_of_status;
  const bool kept = (is_new && groups_.size() < keep_) || first_of_status || must_keep;
  if (is_new && (kept || seen != FingerprintSet::Insert::Full)) {
    count_new(o, schedule, kept);
    if (!kept) ++not_kept_;
  } else if (seen == FingerprintSet::Insert::Full) {
    // Neither kept nor in the set: whether it is new cannot be told, nor remembered.
    saturated_ = true;
  }
  return kept ? keep(o, schedule, fp) : nullptr;
}

void OutcomeTable::finish(Report& r) {
  r.outcomes = std::move(groups_);
  r.distinct = distinct_;
  r.distinct_by_status = by_status_;
  r.counting = saturated_    ? Counting::LowerBound
               : not_kept_ ? Counting::Fingerprints
                           : Counting::Exact;
  r.fingerprints = std::move(seen_);
  // While every distinct outcome is kept with its count, each line's executions are known.
  const bool all_kept = r.counting == Counting::Exact;
  if (describer_) r.description = describer_->finish(all_kept ? &r.outcomes : nullptr);
  r.samples = sample_.take();
}

}  // namespace weft::checker
