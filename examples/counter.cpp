// A user's own scenario with the weft command line, built inside weft's own build (the tests run
// `weft_example outputs counter`); examples/consumer is a project of its own.
#include <weft/weft.hpp>

WEFT_SCENARIO({
    .name = "counter",
    .summary = "two threads increment a shared counter",
    .description = "Lost updates without the lock.",
    .params = {{.name = "lock",
                .type = weft::ParamSpec::Type::Bool,
                .default_value = "false",
                .help = "use a Lock"}},
    .body = [](const weft::Params& p) {
      weft::Shared<int> n(0, "n");
      weft::Lock lock("lock");
      const bool locked = p.get_bool("lock");
      auto work = [=] {
        if (locked) lock.acquire();
        n.store(n.load() + 1);
        if (locked) lock.release();
      };
      weft::Thread a(work), b(work);
      a.start(), b.start();
      a.join(), b.join();
      weft::print(n.load());
    },
});

#include <weft/cli.hpp>

int main(int argc, char** argv) { return weft::cli::main(argc, argv); }
