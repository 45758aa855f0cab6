// How fast `weft possible` decides: for a scenario (rlock with its 10 threads by default), the
// stdouts of a few random executions (possible) and each with two neighbouring lines swapped in
// the middle (usually impossible), each decided from scratch: the answer, the executions it took
// and wall time.
// Run: build/bench/weft_possible_bench [SCENARIO [k=v]...] [--targets N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "checker/possible.hpp"
#include "checker/random.hpp"
#include "scenarios/registry.hpp"
#include "sim/runtime.hpp"

namespace {

using weft::checker::PossibleResult;

const char* name_of(PossibleResult::Answer a) {
  switch (a) {
    case PossibleResult::Answer::Possible: return "possible";
    case PossibleResult::Answer::Impossible: return "impossible";
    case PossibleResult::Answer::Undecided: return "undecided";
  }
  return "?";
}

// Two neighbouring lines swapped in the middle of `out`; `out` itself when it has fewer than 2.
std::string swap_middle(const std::string& out) {
  std::vector<std::string> lines;
  for (std::size_t from = 0; from < out.size();) {
    const std::size_t end = out.find('\n', from);
    const std::size_t to = end == std::string::npos ? out.size() : end + 1;
    lines.push_back(out.substr(from, to - from));
    from = to;
  }
  if (lines.size() >= 2) std::swap(lines[lines.size() / 2 - 1], lines[lines.size() / 2]);
  std::string joined;
  for (const std::string& l : lines) joined += l;
  return joined;
}

void decide(const char* label, const std::function<void()>& body,
            const weft::checker::Options& opt, const std::string& out) {
  weft::checker::Target t;
  t.out = out;
  const auto started = std::chrono::steady_clock::now();
  const PossibleResult r = weft::checker::find_output(body, t, opt);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  std::printf("  %-9s %-10s %8llu executions %9.2f ms\n", label, name_of(r.answer),
              static_cast<unsigned long long>(r.executions), ms);
}

}  // namespace

int main(int argc, char** argv) {
  std::string name = "rlock";
  std::map<std::string, std::string> given;
  int targets = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--targets" && i + 1 < argc) {
      targets = std::atoi(argv[++i]);
    } else if (a.find('=') != std::string::npos) {
      given[a.substr(0, a.find('='))] = a.substr(a.find('=') + 1);
    } else {
      name = a;
    }
  }
  const weft::Scenario* s = weft::Registry::instance().find(name);
  if (s == nullptr) {
    std::fprintf(stderr, "no scenario '%s'\n", name.c_str());
    return 2;
  }
  const weft::Params params = s->resolve(given);
  const std::function<void()> body = [&] { s->body(params); };
  weft::checker::Options opt;
  opt.setup.stdin_lines = s->stdin_lines;
  opt.time_budget = 60;
  std::printf("%s:\n", name.c_str());
  weft::sim::Runtime rt;
  weft::checker::RandomStrategy random;
  for (int k = 0; k < targets; ++k) {
    random.reseed(static_cast<std::uint64_t>(k) + 1);
    const std::string out = rt.execute(body, random, opt.setup).out;
    decide("random", body, opt, out);
    decide("swapped", body, opt, swap_middle(out));
  }
  return 0;
}
