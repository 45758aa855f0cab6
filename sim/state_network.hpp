// The simulated network's part of a state fingerprint. sim::World holds the network as an opaque
// pointer (primitives/detail/net_model.hpp says what it is), so the code that makes it tells the
// runtime how to fingerprint it (docs/state-caching.md, "Processes and the network").
#pragma once

namespace weft::sim {

class StateHasher;

// Mixes a World::network into `h`; false when it cannot say its state.
using NetworkFingerprint = bool (*)(const void* network, StateHasher& h);
void set_network_fingerprint(NetworkFingerprint f);

}  // namespace weft::sim
