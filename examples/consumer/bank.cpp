// Two clerks deposit into one account at the same time. Each reads the balance, then writes it
// back increased: without the account's lock, one deposit can overwrite the other.
#include <weft/weft.hpp>

WEFT_SCENARIO({
    .name = "deposits",
    .summary = "two clerks deposit 100 each into one account",
    .description = "Each deposit reads the balance and writes it back increased. Without the "
                   "lock (-p locked=false) a deposit can be lost.",
    .params = {{.name = "locked",
                .type = weft::ParamSpec::Type::Bool,
                .default_value = "true",
                .help = "deposit under the account's lock"}},
    .body = [](const weft::Params& p) {
      weft::Shared<int> balance(0, "balance");
      weft::Lock lock("account");
      const bool locked = p.get_bool("locked");
      auto deposit = [&] {
        if (locked) lock.acquire();
        balance.store(balance.load() + 100);
        if (locked) lock.release();
      };
      weft::Thread a(deposit), b(deposit);
      a.start(), b.start();
      a.join(), b.join();
      weft::print("balance", balance.load());
      weft::check(balance.load() == 200, "a deposit was lost");
    },
});
