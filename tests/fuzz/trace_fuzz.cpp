// libFuzzer target for the trace reader: any bytes are read as a trace, and a trace that reads
// and names a built-in scenario is replayed. Nothing may crash, leak, hang or trip a sanitizer:
// bytes that are no trace end in a TraceError, a trace that cannot be followed in a divergence.
// scripts/fuzz.sh builds and runs it (README "Fuzzing the trace reader").
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "checker/replay.hpp"
#include "checker/trace.hpp"
#include "scenarios/registry.hpp"

namespace {

// A replay is as long as the trace says, and weft replay runs it to the end however long that
// is; the fuzzer needs each input to take milliseconds, so it replays only small programs and
// cuts their executions short. Neither bound is on the reading, which sees every input whole.
constexpr std::uint64_t kMaxSteps = 2000;
constexpr std::int64_t kMaxIntParam = 8;

// Whether `s` with `params` is small enough to replay here (every int parameter is a count).
bool small(const weft::Scenario& s, const weft::Params& params) {
  for (const weft::ParamSpec& p : s.params) {
    if (p.type != weft::ParamSpec::Type::Int) continue;
    const std::int64_t v = params.get_int(p.name);
    if (v < -kMaxIntParam || v > kMaxIntParam) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  weft::checker::Trace trace;
  try {
    trace = weft::checker::parse_trace(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const weft::checker::TraceError&) {
    return 0;  // refused with a reason: what weft replay reports as exit 2
  }
  const weft::Scenario* s = weft::Registry::instance().find(trace.scenario);
  if (s == nullptr) return 0;
  weft::Params params;
  try {
    params = s->resolve(trace.params);
  } catch (const std::invalid_argument&) {
    return 0;  // a parameter the scenario refuses: exit 2 as well
  }
  if (!small(*s, params)) return 0;
  trace.max_steps = std::min(trace.max_steps, kMaxSteps);
  const weft::checker::ReplayResult r =
      weft::checker::replay([s, &params] { s->body(params); }, trace);
  // Judging the outcome is part of what weft replay does with it.
  (void)weft::checker::failure_name(r.failure);
  return 0;
}
