#include "cli/shard_file.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "checker/output_file.hpp"
#include "cli/args.hpp"

namespace weft::cli {

namespace {

constexpr int kShardFormat = 1;

sim::Status status_named(const std::string& name) {
  for (std::size_t s = 0; s < checker::kStatuses; ++s)
    if (name == sim::status_name(static_cast<sim::Status>(s))) return static_cast<sim::Status>(s);
  throw std::invalid_argument("unknown status '" + name + "'");
}

nlohmann::json group_json(const checker::OutcomeGroup& g) {
  const sim::Outcome& o = g.outcome;
  nlohmann::json blocked = nlohmann::json::array();
  for (const sim::BlockedThread& b : o.blocked)
    blocked.push_back({b.thread, b.op, b.object, b.held_by});
  nlohmann::json witness = nlohmann::json::array();
  for (const sim::Choice& c : g.witness)
    witness.push_back({static_cast<int>(c.kind), c.chosen, c.options});
  return {{"status", sim::status_name(o.status)},
          {"message", o.message},
          {"stdout", o.out},
          {"stderr", o.err},
          {"files", o.files},
          {"blocked", blocked},
          {"end_time", o.end_time},
          {"count", g.count},
          {"witness", witness}};
}

checker::OutcomeGroup group_of(const nlohmann::json& j) {
  checker::OutcomeGroup g;
  sim::Outcome& o = g.outcome;
  o.status = status_named(j.at("status").get<std::string>());
  o.message = j.at("message").get<std::string>();
  o.out = j.at("stdout").get<std::string>();
  o.err = j.at("stderr").get<std::string>();
  o.files = j.at("files").get<std::map<std::string, std::string>>();
  for (const auto& b : j.at("blocked"))
    o.blocked.push_back({b.at(0).get<std::string>(), b.at(1).get<std::string>(),
                         b.at(2).get<std::string>(), b.at(3).get<std::vector<std::string>>()});
  o.end_time = j.at("end_time").get<sim::Time>();
  g.count = j.at("count").get<std::uint64_t>();
  for (const auto& c : j.at("witness")) {
    const int kind = c.at(0).get<int>();
    if (kind < 0 || kind > static_cast<int>(sim::Decision::Value))
      throw std::invalid_argument("a witness decision of unknown kind");
    g.witness.push_back({static_cast<sim::Decision>(kind), c.at(1).get<std::uint32_t>(),
                         c.at(2).get<std::uint32_t>()});
  }
  return g;
}

}  // namespace

void write_shard_file(const std::string& path, const ShardFile& f) {
  const checker::Report& r = f.report;
  nlohmann::json outcomes = nlohmann::json::array();
  for (const checker::OutcomeGroup& g : r.outcomes) outcomes.push_back(group_json(g));
  const nlohmann::json doc = {
      {"weft_shard_format", kShardFormat},
      {"command", f.command},
      {"scenario", f.scenario},
      {"params", f.params},
      {"search", f.search},
      {"shard", f.shard},
      {"shards", f.shards},
      {"split_depth", f.split.depth},
      {"prefixes", f.split.prefixes},
      {"done", f.done},
      {"complete", r.complete},
      {"cut_by", r.complete ? nlohmann::json(nullptr) : nlohmann::json(r.cut_by)},
      {"executions", r.executions},
      {"redundant", r.redundant},
      {"nondeterministic", r.nondeterministic},
      {"seconds", r.seconds},
      {"failure", r.failure ? nlohmann::json(*r.failure) : nlohmann::json(nullptr)},
      {"failure_prefix",
       f.failure_prefix ? nlohmann::json(*f.failure_prefix) : nlohmann::json(nullptr)},
      {"outcomes", outcomes}};
  try {
    checker::write_output_file(
        path, doc.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  } catch (const checker::OutputFileError& e) {
    throw UsageError("cannot write '" + path + "': " + e.what());
  }
}

ShardFile read_shard_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read '" + path + "'");
  ShardFile f;
  try {
    const nlohmann::json j = nlohmann::json::parse(in);
    if (j.at("weft_shard_format").get<int>() != kShardFormat)
      throw std::invalid_argument("a shard result of another format");
    f.command = j.at("command").get<std::string>();
    f.scenario = j.at("scenario").get<std::string>();
    f.params = j.at("params").get<std::map<std::string, std::string>>();
    f.search = j.at("search").get<std::string>();
    f.shard = j.at("shard").get<std::size_t>();
    f.shards = j.at("shards").get<std::size_t>();
    f.split.depth = j.at("split_depth").get<std::uint32_t>();
    f.split.prefixes = j.at("prefixes").get<std::size_t>();
    f.done = j.at("done").get<std::vector<std::size_t>>();
    checker::Report& r = f.report;
    r.reduction = true;
    r.complete = j.at("complete").get<bool>();
    if (!r.complete) r.cut_by = j.at("cut_by").get<std::string>();
    r.executions = j.at("executions").get<std::uint64_t>();
    r.redundant = j.at("redundant").get<std::uint64_t>();
    r.nondeterministic = j.at("nondeterministic").get<bool>();
    r.seconds = j.at("seconds").get<double>();
    for (const auto& o : j.at("outcomes")) {
      r.outcomes.push_back(group_of(o));
      r.outcomes.back().number = r.outcomes.size();
    }
    if (!j.at("failure").is_null()) {
      r.failure = j.at("failure").get<std::size_t>();
      f.failure_prefix = j.at("failure_prefix").get<std::size_t>();
      if (*r.failure >= r.outcomes.size()) throw std::invalid_argument("failure out of range");
    }
    if (f.shards == 0 || f.shard >= f.shards) throw std::invalid_argument("shard out of range");
  } catch (const std::exception& e) {
    std::string why = e.what();
    if (const auto nl = why.find('\n'); nl != std::string::npos) why.resize(nl);
    throw UsageError("'" + path + "' is not a weft shard result: " + why);
  }
  return f;
}

}  // namespace weft::cli
