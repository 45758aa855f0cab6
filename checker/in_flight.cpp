#include "checker/in_flight.hpp"

namespace weft::checker {

namespace {
InFlight g_static;
InFlight* g_where = &g_static;
}  // namespace

InFlight& in_flight() { return *g_where; }

void place_in_flight(InFlight* where) { g_where = where != nullptr ? where : &g_static; }

}  // namespace weft::checker
