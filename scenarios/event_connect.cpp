// Seed section 八 2 示例三: connection retries with timeouts against a random delay.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

WEFT_SCENARIO({
    .name = "event_connect",
    .summary = "connection retries with timeouts against a random delay",
    .description =
        "Seed section 8.2, example 3: two threads try to connect to MySQL: while the event is "
        "not set they print '<name>第N次尝试链接' and wait on it for 0.5 s, and raise "
        "TimeoutError('链接超时') before a fourth try; a checker thread prints that it is "
        "checking, sleeps random.randint(2, 4) seconds and sets the event. weft explores every "
        "delay (2 + choose(3)). Look for what the seed does not say: the connectors give up at "
        "t=1.5, before the earliest possible set at t=2, so every outcome has every connector die "
        "with TimeoutError (on stderr) after three tries each, and '链接成功' is never printed. "
        "The parameter `connectors` (the seed has 2) makes a smaller program: with one, the "
        "checker thread is Thread-2.",
    .params = {{.name = "connectors",
                .default_value = "2",
                .help = "number of conn_mysql threads",
                .min = 1,
                .threads_each = 1}},
    .expected_exceptions = {"TimeoutError"},
    .body =
        [](const weft::Params& p) {
          weft::Event event("event");
          auto conn_mysql = [event] {
            int count = 1;
            while (!event.is_set()) {
              if (count > 3) throw weft::TimeoutError("链接超时");
              weft::print("<" + weft::current_thread().name() + ">第" + std::to_string(count) +
                          "次尝试链接");
              event.wait(0.5);
              ++count;
            }
            weft::print("<" + weft::current_thread().name() + ">链接成功");
          };
          auto check_mysql = [event] {
            weft::print("\033[45m[" + weft::current_thread().name() + "]正在检查mysql\033[0m");
            weft::sleep(static_cast<double>(2 + weft::choose(3)));  // random.randint(2, 4)
            event.set();
          };
          std::vector<std::unique_ptr<weft::Thread>> conns;
          for (std::int64_t i = 0; i < p.get_int("connectors"); ++i)
            conns.push_back(std::make_unique<weft::Thread>(conn_mysql));
          weft::Thread check(check_mysql);
          for (const auto& conn : conns) conn->start();
          check.start();
        },
});
