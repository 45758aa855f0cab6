// Seed section 八 3 (定时器): a self-rearming Timer regenerating a captcha, and a reader.
#include <memory>
#include <string>
#include <vector>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

namespace {

// The seed's class code. Its attributes are shared between the reader (main) and the timer
// threads, so they are Shared: self.cache, self.t, and the screen where the code is shown.
class Code : public std::enable_shared_from_this<Code> {
 public:
  // code(): __init__ calls make_cache().
  static std::shared_ptr<Code> create(weft::Shared<std::string> screen) {
    auto self = std::shared_ptr<Code>(new Code(std::move(screen)));
    self->make_cache();
    return self;
  }

  void make_cache(double interval = 5) {
    const std::string code = make_code();
    cache_.store(code);
    weft::print("\n", code);
    screen_.store(code);  // what the user sees
    // Timer(interval, self.make_cache): the bound method keeps self alive, as here.
    auto t = std::make_shared<weft::Timer>(interval, [self = shared_from_this()] {
      self->make_cache();
    });
    t_.store(t);
    t->start();
  }

  static std::string make_code(int n = 4) {
    std::string res;
    for (int i = 0; i < n; ++i) {
      const std::string s1 = std::to_string(weft::randint(0, 9));
      const std::string s2(1, static_cast<char>(weft::randint(65, 90)));
      res += weft::random_choice(std::vector<std::string>{s1, s2});
    }
    return res;
  }

  void check() const {
    for (;;) {
      const std::string code = weft::input("输入验证码：");
      if (upper(code) == cache_.load()) {
        weft::print("验证码输入错误");  // sic: printed when the code is right
        t_.load()->cancel();
        break;
      }
    }
  }

 private:
  explicit Code(weft::Shared<std::string> screen)
      : cache_({}, "self.cache"), t_({}, "self.t"), screen_(std::move(screen)) {}

  static std::string upper(std::string s) {
    for (char& c : s)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
  }

  weft::Shared<std::string> cache_;
  weft::Shared<std::shared_ptr<weft::Timer>> t_;
  weft::Shared<std::string> screen_;
};

}  // namespace

WEFT_SCENARIO({
    .name = "timer_captcha",
    .summary = "a self-rearming Timer and a reader",
    .description =
        "Seed section 8.3: a captcha object makes a random 4-character code, prints it with "
        "print('\\n', code) and starts Timer(5, self.make_cache), so a new code replaces it every "
        "5 s; check() reads input('输入验证码：') until the upper-cased input equals the current "
        "code, then prints '验证码输入错误' (sic: the seed's message is inverted, printed when the "
        "code is right), cancels the timer and stops. A simulated user (a daemon thread with a "
        "keyboard) reads the code on the screen and types it after `delay` seconds, `tries` "
        "times, then closes the keyboard. Look for two bugs, with delay=5 (the user reads the "
        "screen at the very instant the timer fires). The timer may replace the code between "
        "the user reading it and the reader comparing it: the stale code is refused, and once "
        "the keyboard is closed input() raises EOFError in the main thread while the timer "
        "rearms forever (status limit: the virtual-time limit cuts it). And the reader may "
        "cancel the timer that has just fired while it makes the next one, which runs on "
        "forever too. With delay=3 the user is in time and the program ends at t=3 (ok). "
        "Codes come from the seeded generator (weft::randint), not explored. The seed indents "
        "`obj = code(); obj.check()` into the class body (and never imports Timer), so as "
        "written it cannot run; weft runs them at module level, as clearly meant.",
    .params = {{.name = "delay",
                .type = weft::ParamSpec::Type::Double,
                .default_value = "3",
                .help = "seconds the user takes to read and type each code",
                .min = 0},
               {.name = "tries",
                .default_value = "2",
                .help = "codes the user types before leaving",
                .min = 0}},
    .expected_exceptions = {"EOFError"},
    .body =
        [](const weft::Params& p) {
          auto keyboard = std::make_shared<weft::Keyboard>();
          weft::Shared<std::string> screen({}, "screen");
          auto obj = Code::create(screen);
          weft::Thread user(
              [keyboard, screen](double delay, std::int64_t tries) {
                for (std::int64_t i = 0; i < tries; ++i) {
                  weft::sleep(delay);
                  keyboard->type(screen.load());
                }
                keyboard->close();
              },
              p.get_double("delay"), p.get_int("tries"));
          user.set_daemon(true);
          user.start();
          obj->check();
        },
});
