// Seed section 三 方式一: a Thread made from a target function and its arguments.
#include <string>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

namespace {

void sayhi(const std::string& name) {
  weft::sleep(2);
  weft::print(name + " say hello");
}

}  // namespace

WEFT_SCENARIO({
    .name = "sayhi",
    .summary = "a Thread with a target; main prints first",
    .description =
        "Seed section 3, way one: main creates Thread(target=sayhi, args=('harry',)), starts it "
        "and prints 主线程; the thread sleeps 2 s and prints 'harry say hello'. Look for a single "
        "outcome: the started thread sleeps before it prints anything, so main's line always "
        "comes first, and the program (which waits for the non-daemon thread) ends at t=2s.",
    .body =
        [](const weft::Params&) {
          weft::Thread t(sayhi, std::string("harry"));
          t.start();
          weft::print("主线程");
        },
});
