// The state of an execution at a scheduling point, as a state caching search fingerprints it
// (docs/state-caching.md, "What a state is"). The threads' local states are the searcher's
// business (their histories); this is everything the runtime holds.
#include <atomic>
#include <vector>

#include "sim/runtime.hpp"
#include "sim/state_hash.hpp"
#include "sim/state_network.hpp"

namespace weft::sim {

namespace {
constexpr std::uint64_t kGone = 0x676f6e6500000001ULL;       // a destroyed object
constexpr std::uint64_t kThreadOwn = 0x6f776e0000000001ULL;  // a started thread's object
constexpr std::uint64_t kThreadRef = 0x7265660000000001ULL;  // an operation on a thread
constexpr std::uint64_t kThreadSelf = 0x73656c6600000001ULL;  // an operation on itself
constexpr std::uint64_t kThreadClass = 0x636c617373000001ULL;  // a join standing for its class
constexpr std::uint64_t kNetwork = 0x6e65740000000001ULL;       // the simulated network

// Set by the code that makes a World::network (primitives/detail/net_model.cpp): sim/ cannot see
// the network's type. Atomic: searches on several threads (--jobs) each make networks, and store
// the same function.
std::atomic<NetworkFingerprint> network_fingerprint{nullptr};
}  // namespace

void set_network_fingerprint(NetworkFingerprint f) {
  network_fingerprint.store(f, std::memory_order_relaxed);
}

bool Runtime::fingerprint_shared(StateHasher& h, bool outputs) const {
  // Untimed, now_ is the latest of the threads' clocks (each running thread's own is in
  // fingerprint_thread): it only dates the end (Outcome::end_time). enabled_until_ is constant.
  h.mix(static_cast<std::uint64_t>(now_));
  h.mix(static_cast<std::uint64_t>(enabled_until_));
  // The step count, which the step limit cuts at, is the searcher's to mix: it leaves out the
  // steps it folds (checker/stateful_joins.hpp).
  h.mix(count_);
  h.mix(static_cast<std::uint64_t>(thread_numbers_));
  h.mix(objects_);
  const World& w = world_;
  h.mix(w.stdin_next);
  h.mix(static_cast<std::uint64_t>(w.keyboards_open));
  h.mix(w.stdin_lines.size());
  Random copy = w.random;
  h.mix(copy.next());
  h.mix(w.files.size());
  for (const auto& [name, text] : w.files) {
    h.mix_bytes(name);
    h.mix_bytes(text);
  }
  h.mix_bytes(w.err);  // an exception that ended a thread shows only here
  if (outputs) h.mix_bytes(w.out);
  // Processes: the next pid, and the main process's count of Process-N names.
  h.mix(static_cast<std::uint64_t>(w.processes_started));
  h.mix(static_cast<std::uint64_t>(w.process_numbers));
  if (w.network) {
    // The sockets and the counters of ports; its ports and connections are objects (below).
    h.mix(kNetwork);
    const NetworkFingerprint fingerprint = network_fingerprint.load(std::memory_order_relaxed);
    if (fingerprint == nullptr || !fingerprint(w.network.get(), h)) return false;
  }
  for (std::uint32_t id = kWorldObjects + 1; id <= objects_; ++id) {
    const Object* o = objects_by_id_[id];
    if (o == nullptr) {
      h.mix(kGone);
    } else if (thread_of(o) != kNoThread) {
      h.mix(kThreadOwn);  // part of its thread's state, in fingerprint_thread
      // A process's MainThread stands for it, but the process holds more than whether that thread
      // ended: its exit code, its counters of names, the threads it joins at its end.
      if (o->kind() == kProcessKind && !o->fingerprint(h)) return false;
    } else {
      h.mix(id);
      if (!o->fingerprint(h)) return false;
    }
  }
  return true;
}

void Runtime::fingerprint_thread(ThreadId t, StateHasher& h, std::uint64_t join_class) const {
  const Slot& s = slots_[t];
  h.mix(static_cast<std::uint64_t>(s.state));
  h.mix(s.daemon);
  if (s.state != State::Running) return;
  // Its process: which copy of each Shared<T> it works on, which sockets a terminate closes.
  h.mix(threads_[t]->process);
  // Untimed, the thread's own time: what now() answers it and where its next timeout lands. A
  // thread of a symmetry class starts from its class, not from its starter's history (which
  // holds the starter's time), so its history alone may not say it.
  if (untimed_) h.mix(static_cast<std::uint64_t>(threads_[t]->clock));
  h.mix(s.spinning);
  const Op& op = s.pending;
  h.mix(static_cast<std::uint64_t>(op.kind));
  h.mix(static_cast<std::uint64_t>(op.access));
  if (const ThreadId u = thread_of(op.object); u == t) {
    h.mix(kThreadSelf);  // its end: no reference to another
  } else if (u != kNoThread && join_class != 0) {
    h.mix(kThreadClass);  // one of a run of joins that waits for the whole class
    h.mix(join_class);
  } else if (u != kNoThread) {
    h.mix(kThreadRef);
    h.thread(u);
  } else {
    h.mix(op.object == nullptr ? 0 : op.object->id());
  }
  h.mix(op.ready != nullptr);
  h.mix(static_cast<std::uint64_t>(op.deadline));
  h.mix(reinterpret_cast<std::uintptr_t>(op.site));
  // What the spin check will compare: where each read was made, how often, and whether what it
  // read has been written since (versions only grow, so that is all a later check can see).
  for (const Thread::Read& r : threads_[t]->reads) {
    h.mix(reinterpret_cast<std::uintptr_t>(r.site));
    h.mix(r.object);
    h.mix(r.times);
    h.mix(r.version == versions_[r.object]);
  }
}

}  // namespace weft::sim
