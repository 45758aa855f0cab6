#include "checker/in_flight.hpp"

namespace weft::checker {

namespace {
InFlight g_static;
}  // namespace

InFlight* detail::g_in_flight = &g_static;

void place_in_flight(InFlight* where) { detail::g_in_flight = where != nullptr ? where : &g_static; }

}  // namespace weft::checker
