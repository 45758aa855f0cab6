// Seed section 三 方式二: a Thread subclass overriding run().
#include <memory>
#include <string>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

namespace {

// class Sayhi(Thread): __init__ sets self.name (the thread's name), run() greets.
class Sayhi : public weft::Thread {
 public:
  explicit Sayhi(std::string who) { set_name(std::move(who)); }

 protected:
  void run() override {
    weft::sleep(2);
    weft::print(name() + " say hello");
  }
};

}  // namespace

WEFT_SCENARIO({
    .name = "sayhi_class",
    .summary = "a Thread subclass with run()",
    .description =
        "Seed section 3, way two: the same program as sayhi, written as a subclass of Thread "
        "whose __init__ sets self.name = 'harry' (the thread's own name) and whose run() sleeps "
        "2 s and prints 'harry say hello'. Main starts it and prints 主线程. Look for the same "
        "single outcome as sayhi, ending at t=2s: a subclass with run() behaves exactly like a "
        "target function.",
    .body =
        [](const weft::Params&) {
          auto t = std::make_shared<Sayhi>("harry");
          t->start();
          weft::print("主线程");
        },
});
