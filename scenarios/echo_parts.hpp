// The pieces the seed's socket server (section 三) and its threads-only variant share: the
// listening socket, the handler each connection gets, and the scripted client.
#pragma once

#include "primitives/weft.hpp"

namespace weft::scenarios::echo {

// The seed's create_socket(): 127.0.0.1:8080, backlog 5.
weft::Socket create_socket();

// The seed's talk(): upper-cases what it receives until the connection ends. `if data is None:
// break` never breaks, since recv returns b"" (never None) once the client has gone; the fixed
// version breaks on the empty data.
void talk(weft::Socket conn, bool fixed);

// Client n: sends each of `messages` messages, reads until the whole reply is in, prints
// `connN send b'...' -> recv b'...'`, closes.
void client(int n, int messages);

}  // namespace weft::scenarios::echo
