#include "cli/shard_run.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "checker/output_file.hpp"
#include "checker/split.hpp"

namespace weft::cli {

std::string search_key(const checker::Options& opt) {
  std::ostringstream os;
  os << "timing=" << (opt.setup.timing == sim::Timing::Untimed ? "untimed" : "exact")
     << " max-steps=" << opt.setup.max_steps << " max-time=" << sim::to_seconds(opt.setup.max_time)
     << " seed=" << opt.setup.seed << " fail-on-exception=" << opt.failures.fail_on_exception
     << " stop-at-failure=" << opt.stop_at_failure
     << " stdin-lines=" << opt.setup.stdin_lines.size();
  return os.str();
}

void check_shard_args(const ShardArgs& sa, const checker::Options& opt, unsigned jobs) {
  if (jobs > 1) {
    if (!sa.shard.empty()) throw UsageError("--jobs and --shard do not combine (yet)");
    if (!opt.reduction) throw UsageError("--jobs splits the reduced search: drop --no-reduction");
    if (opt.max_preemptions != checker::kUnbounded || opt.iterate_bound)
      throw UsageError("--jobs splits the unbounded search: drop --max-preemptions");
  }
  if (sa.shard.empty()) {
    if (!sa.result.empty() || !sa.checkpoint.empty())
      throw UsageError("--result and --checkpoint need --shard I/N");
    return;
  }
  parse_shard(sa.shard);
  if (!opt.reduction) throw UsageError("--shard splits the reduced search: drop --no-reduction");
  if (opt.max_preemptions != checker::kUnbounded || opt.iterate_bound)
    throw UsageError("--shard splits the unbounded search: drop --max-preemptions");
  try {
    if (!sa.result.empty()) checker::check_output_file(sa.result);
    if (!sa.checkpoint.empty()) checker::check_output_file(sa.checkpoint);
  } catch (const checker::OutputFileError& e) {
    throw UsageError(std::string("cannot write the shard's files: ") + e.what());
  }
}

namespace {

// The checkpoint to go on from, if it exists; it must be of this very shard.
std::optional<ShardFile> resumed(const ShardFile& me, const std::string& path) {
  if (path.empty() || !std::filesystem::exists(path)) return std::nullopt;
  ShardFile f = read_shard_file(path);
  if (f.command != me.command || f.scenario != me.scenario || f.params != me.params ||
      f.search != me.search || f.shard != me.shard || f.shards != me.shards)
    throw UsageError("checkpoint '" + path + "' is of another search or shard");
  return f;
}

void mark_unfinished(ShardFile& f, std::size_t owned) {
  if (f.report.complete && !f.failure_prefix && f.done.size() < owned) {
    f.report.complete = false;
    f.report.cut_by = "unfinished: " + std::to_string(f.done.size()) + " of " +
                      std::to_string(owned) + " prefixes searched";
  }
}

}  // namespace

ShardFile run_shard(const std::string& command, const Prepared& p, const checker::Options& opt,
                    const ShardArgs& sa) {
  const Shard s = parse_shard(sa.shard);
  const std::function<void()> body = [&p] { p.scenario->body(p.params); };
  ShardFile me;
  me.command = command;
  me.scenario = p.scenario->name;
  me.params = p.params.values();
  me.search = search_key(opt);
  me.shard = s.index;
  me.shards = s.count;
  std::optional<ShardFile> before = resumed(me, sa.checkpoint);
  me.split = before ? before->split : checker::choose_split(body, opt, s.count);
  std::vector<std::size_t> todo = checker::shard_prefixes(me.split, s.index, s.count);
  const std::size_t owned = todo.size();
  checker::Report prior;
  prior.complete = true;
  prior.reduction = true;
  prior.fingerprints = checker::FingerprintSet(UINT64_MAX);
  if (before) {
    me.done = before->done;
    me.failure_prefix = before->failure_prefix;
    // Its prefixes were searched in full: complete but for a failure the shard stopped at.
    before->report.complete = !before->report.failure;
    before->report.cut_by = before->report.failure ? "failure" : "";
    checker::merge_report(prior, std::move(before->report));
    std::erase_if(
        todo, [&](std::size_t k) { return std::binary_search(me.done.begin(), me.done.end(), k); });
    if (me.failure_prefix) todo.clear();  // the shard ended at its failure
  }
  std::vector<std::size_t> finished;  // of `todo`, in order
  const auto save = [&](std::size_t k, const checker::Report& so_far) {
    finished.push_back(k);
    if (sa.checkpoint.empty()) return;
    ShardFile now = me;
    now.done.insert(now.done.end(), finished.begin(), finished.end());
    std::sort(now.done.begin(), now.done.end());
    now.report = prior;
    checker::merge_report(now.report, checker::Report(so_far));
    mark_unfinished(now, owned);
    write_shard_file(sa.checkpoint, now);
  };
  checker::Report found = checker::explore_prefixes(body, opt, me.split, todo, save);
  if (found.failure && finished.size() < todo.size()) me.failure_prefix = todo[finished.size()];
  me.done.insert(me.done.end(), finished.begin(), finished.end());
  std::sort(me.done.begin(), me.done.end());
  // A prefix cut midway is left out of the checkpoint: resumed, it is searched again from its
  // start, and its executions are counted once.
  if (!sa.checkpoint.empty() && finished.empty()) {
    ShardFile cp = me;
    cp.report = prior;
    mark_unfinished(cp, owned);
    write_shard_file(sa.checkpoint, cp);
  }
  me.report = std::move(prior);
  checker::merge_report(me.report, std::move(found));
  mark_unfinished(me, owned);
  if (!sa.checkpoint.empty() && (me.report.complete || me.failure_prefix))
    write_shard_file(sa.checkpoint, me);
  if (!sa.result.empty()) write_shard_file(sa.result, me);
  return me;
}

}  // namespace weft::cli
