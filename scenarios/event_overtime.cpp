// Seed section 八 2 示例二: the boss sets and clears an event under the workers.
#include <cstdint>
#include <memory>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

namespace {

constexpr std::uint64_t kWorkerKey = 0x6f76657274696d65ULL;

class Boss : public weft::Thread {
 public:
  explicit Boss(weft::Event event_lock) : event_lock_(std::move(event_lock)) {}

 protected:
  void run() override {
    event_lock_.set();
    weft::print("今天要加班");
    event_lock_.clear();
    weft::sleep(2);
    event_lock_.set();
    weft::print("22:00下班");
  }

 private:
  weft::Event event_lock_;
};

// The workers run one function on one event, and nobody keeps, joins or asks about one once
// started: they are interchangeable (Thread::interchangeable), which the declaration only says.
// Nothing of what they do changes; it lets the state caching search explore one worker of each
// orbit (docs/state-caching.md, "Symmetry"). Every worker of the program waits on the same
// event, so one key serves them all.
class Worker : public weft::Thread {
 public:
  explicit Worker(weft::Event event_lock) : event_lock_(std::move(event_lock)) {
    interchangeable(kWorkerKey);
  }

 protected:
  void run() override {
    event_lock_.wait();
    weft::print("命苦啊.....");
    weft::sleep(1);
    event_lock_.wait();
    weft::print("耶....");
  }

 private:
  weft::Event event_lock_;
};

}  // namespace

WEFT_SCENARIO({
    .name = "event_overtime",
    .summary = "boss sets and clears an event under workers",
    .description =
        "Seed section 8.2, example 2: five worker threads wait on event_lock, print "
        "'命苦啊.....', sleep 1 s, wait again and print '耶....'; the boss sets the event, prints "
        "'今天要加班', clears it at once, sleeps 2 s, sets it again and prints '22:00下班'. The "
        "program has no joins: it ends, as Python's does, when the last thread does. Look at the "
        "workers that were already waiting when the boss set the event: they are woken and go "
        "on even if the boss clears it before they run (CPython's Event.wait waits on a "
        "Condition), so they print '命苦啊.....' at t=0, are stopped by the cleared event at t=1 "
        "and print '耶....' at t=2. A worker that reaches its first wait only after the clear "
        "waits until t=2 and finishes at t=3. Outcomes differ in how many workers were late and "
        "in the order of the lines printed at the same instant: 18 outcomes with two workers, "
        "56 with three, 432 with the seed's five.",
    .params = {{.name = "workers",
                .default_value = "5",
                .help = "number of worker threads",
                .min = 1,
                .threads_each = 1}},
    .body =
        [](const weft::Params& p) {
          weft::Event event_lock("event_lock");
          for (std::int64_t i = 0; i < p.get_int("workers"); ++i) {
            auto t = std::make_shared<Worker>(event_lock);
            t->start();
          }
          auto b = std::make_shared<Boss>(event_lock);
          b->start();
        },
});
