// What a recorded event tells beyond its operation: the text a print wrote, the value a store
// wrote, and how an operation waited (since which step, who held its object, which step let it
// go) — the story and the swimlanes are drawn from these.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "checker/trace.hpp"
#include "primitives/weft.hpp"

namespace {

// Thread-1 takes L, writes 7 to n and sleeps 1 s holding L; main sleeps 0.5 s, then waits for L.
void hand_off() {
  weft::Lock l("L");
  weft::Shared<int> n(0, "n");
  weft::Thread t([l, n] {
    l.acquire();
    n.store(7);
    weft::sleep(1);
    l.release();
  });
  t.start();
  weft::sleep(0.5);
  l.acquire();
  weft::print("n =", n.load());
  l.release();
  weft::eprint("done");
}

// "step time thread op object result text [waited after N, woken by M, held by X]".
std::string line(const weft::checker::TraceEvent& e) {
  std::ostringstream s;
  s << e.step << " " << e.time << " " << e.thread << " " << e.op << " " << e.object << " "
    << e.result;
  if (!e.text.empty()) s << " '" << e.text << "'";
  if (e.waited) {
    s << " [after " << e.waited_after << ", woken by " << e.woken_by << ", held by";
    for (const std::string& h : e.held_by) s << " " << h;
    s << "]";
  }
  return s.str();
}

}  // namespace

TEST_CASE("events tell printed text, written values and how each operation waited",
          "[trace][detail]") {
  // The first-choice schedule: the lowest-numbered enabled thread runs. Main starts Thread-1
  // (#1) and publishes its sleep, which cannot run before t=0.5: Thread-1 runs alone, takes L
  // (#2) and stores 7 (#3), then sleeps until t=1. Nothing can run, time jumps to 0.5: main's
  // sleep ends (#4), waiting since the look after #1 (its deadline let it go: woken by 0). Main's
  // acquire cannot run while Thread-1 holds L; time jumps to 1: Thread-1's sleep ends (#5),
  // waiting since after #3; Thread-1 releases L (#6), which lets main's acquire go (#7, waiting
  // since after #4, L held by Thread-1 then). Main reads 7 (#8), prints (#9), releases (#10),
  // prints to stderr (#11), and the two threads end.
  const weft::checker::Trace t = weft::checker::record_trace(hand_off, {}, {});
  std::vector<std::string> lines;
  for (const auto& e : t.events) lines.push_back(line(e));
  CHECK(lines == std::vector<std::string>{
                     "1 0 MainThread start Thread-1 0",
                     "2 0 Thread-1 acquire Lock L 1",
                     "3 0 Thread-1 store Shared n 7",
                     "4 0.5 MainThread sleep  0 [after 1, woken by 0, held by]",
                     "5 1 Thread-1 sleep  0 [after 3, woken by 0, held by]",
                     "6 1 Thread-1 release Lock L 0",
                     "7 1 MainThread acquire Lock L 1 [after 4, woken by 6, held by Thread-1]",
                     "8 1 MainThread load Shared n 7",
                     "9 1 MainThread print stdout 0 'n = 7\n'",
                     "10 1 MainThread release Lock L 0",
                     "11 1 MainThread print stderr 0 'done\n'",
                     "12 1 MainThread end threads 0",
                     "13 1 Thread-1 end Thread-1 0",
                 });
}
