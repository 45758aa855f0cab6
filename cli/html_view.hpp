// The page of --html: one self-contained HTML file (inline SVG drawn by a little inline
// JavaScript; nothing is fetched from the network) with a lane per thread on a virtual-time axis,
// arrows for wake-ups and hand-offs, each step's detail on hover, a deadlock's cycle in red, and
// the listed outcomes to switch between (docs/views.md). The markup and the script are
// cli/view/page.html and cli/view/page.js, embedded at build time (cli/view/embed.cmake).
//
// The page's data is one JSON object: {title, chosen, outcomes: [{number, count, name, status,
// stdout, end, threads, steps: [{step, time, lane, thread, op, object, action, note, woken}],
// spans: [{kind, lane, from, to, label}], arrows: [{from, to, hand_off}], cycle: [{lane,
// object}]}]}, spans and arrows naming steps by their index (cli/timeline.hpp).
#pragma once

#include <string>
#include <vector>

#include "cli/pictures.hpp"

namespace weft::cli {

// The page showing each of `listed`, `listed[chosen]` first; `title` names the program.
std::string html_page(const std::string& title, const std::vector<Witness>& listed,
                      std::size_t chosen);

// The markup and the script, as cli/view/page.html and cli/view/page.js hold them.
extern const char* const kViewPage;
extern const char* const kViewScript;

}  // namespace weft::cli
