#include "cli/traces.hpp"

#include <filesystem>
#include <functional>

namespace weft::cli {

checker::Trace make_trace(const Prepared& p, const checker::Options& opt,
                          const checker::Schedule& schedule, const std::string& strategy) {
  const Scenario& s = *p.scenario;
  const Params& params = p.params;
  checker::Trace t =
      checker::record_trace([&s, &params] { s.body(params); }, opt.setup, schedule);
  t.scenario = s.name;
  t.params = params.values();
  t.strategy = strategy;
  t.failures = opt.failures;
  return t;
}

std::vector<std::string> write_outcome_traces(const std::string& dir, const Prepared& p,
                                              const checker::Options& opt,
                                              const checker::Report& report,
                                              const std::string& strategy) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    throw UsageError("cannot create trace directory '" + dir + "': " +
                     (ec ? ec.message() : "a file is in the way"));
  std::vector<std::string> written;
  try {
    // Named by the number the listing gives each outcome ("outcome 3 of 8").
    for (const checker::OutcomeGroup& g : report.outcomes) {
      const std::string path =
          (std::filesystem::path(dir) / ("outcome-" + std::to_string(g.number) + ".json")).string();
      checker::write_trace(path, make_trace(p, opt, g.witness, strategy));
      written.push_back(path);
    }
  } catch (const checker::TraceError& e) {
    for (const std::string& path : written) std::filesystem::remove(path, ec);
    throw UsageError(e.what());
  }
  return written;
}

}  // namespace weft::cli
