#include "cli/html_view.hpp"

#include <stdexcept>

#include "cli/json_text.hpp"
#include "cli/timeline.hpp"

namespace weft::cli {

namespace {

std::string index_or_null(const std::optional<std::size_t>& i) {
  return i ? std::to_string(*i) : "null";
}

std::string steps_json(const Timeline& t) {
  std::string s = "[";
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const Step& st = t.steps[i];
    const checker::TraceEvent& e = *st.event;
    s += std::string(i ? ",\n" : "") + "{\"step\":" + std::to_string(e.step) +
         ",\"time\":" + json_number(e.time) + ",\"lane\":" + std::to_string(st.lane) +
         ",\"thread\":" + json_string(e.thread) + ",\"op\":" + json_string(e.op) +
         ",\"object\":" + json_string(e.object) + ",\"action\":" + json_string(st.action) +
         ",\"note\":" + json_string(st.wait_note) +
         ",\"woken\":" + (st.woken_by ? "true" : "false") + "}";
  }
  return s + "]";
}

std::string spans_json(const Timeline& t) {
  std::string s = "[";
  for (std::size_t i = 0; i < t.spans.size(); ++i) {
    const Span& sp = t.spans[i];
    s += std::string(i ? ",\n" : "") + "{\"kind\":\"" + span_kind_name(sp.kind) +
         "\",\"lane\":" + std::to_string(sp.lane) + ",\"from\":" + index_or_null(sp.from) +
         ",\"to\":" + index_or_null(sp.to) + ",\"label\":" + json_string(sp.label) + "}";
  }
  return s + "]";
}

std::string arrows_json(const Timeline& t) {
  std::string s = "[";
  for (std::size_t i = 0; i < t.arrows.size(); ++i)
    s += std::string(i ? "," : "") + "{\"from\":" + std::to_string(t.arrows[i].from) +
         ",\"to\":" + std::to_string(t.arrows[i].to) +
         ",\"hand_off\":" + (t.arrows[i].hand_off ? "true" : "false") + "}";
  return s + "]";
}

std::string outcome_json(const Witness& w) {
  const sim::Outcome& o = w.trace.outcome;
  const Timeline t = read_timeline(w.trace.events, o);
  std::string threads = "[", cycle = "[";
  for (std::size_t l = 0; l < t.threads.size(); ++l)
    threads += std::string(l ? "," : "") + json_string(t.threads[l]);
  for (std::size_t i = 0; i < t.cycle.size(); ++i)
    cycle += std::string(i ? "," : "") + "{\"lane\":" + std::to_string(t.cycle[i]) +
             ",\"object\":" + json_string(t.cycle_objects[i]) + "}";
  return "{\"number\":" + std::to_string(w.number) + ",\"count\":" + std::to_string(w.count) +
         ",\"name\":" + json_string(w.name) + ",\"status\":\"" + sim::status_name(o.status) +
         "\",\"stdout\":" + json_string(o.out) + ",\"end\":" + json_number(t.end_time) +
         ",\n\"threads\":" + threads + "],\n\"steps\":" + steps_json(t) +
         ",\n\"spans\":" + spans_json(t) + ",\n\"arrows\":" + arrows_json(t) +
         ",\n\"cycle\":" + cycle + "]}";
}

std::string html_text(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// The template's text with its markers, in the order they appear, replaced by `texts`: the
// template alone is searched, never what goes in.
std::string fill(const std::string& page, const std::vector<std::string>& markers,
                 const std::vector<std::string>& texts) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t i = 0; i < markers.size(); ++i) {
    const std::size_t at = page.find(markers[i], from);
    if (at == std::string::npos)
      throw std::logic_error("[weft internal bug] the page template has no " + markers[i]);
    out.append(page, from, at - from).append(texts[i]);
    from = at + markers[i].size();
  }
  return out.append(page, from);
}

}  // namespace

std::string html_page(const std::string& title, const std::vector<Witness>& listed,
                      std::size_t chosen) {
  std::string data = "{\"title\":" + json_string(title) + ",\"chosen\":" +
                     std::to_string(chosen) + ",\"outcomes\":[\n";
  for (std::size_t i = 0; i < listed.size(); ++i)
    data += (i ? ",\n" : "") + outcome_json(listed[i]);
  data += "]}";
  // json_string escapes "<": the data cannot end its <script> element.
  return fill(kViewPage, {"@TITLE@", "@DATA@", "@SCRIPT@"}, {html_text(title), data, kViewScript});
}

}  // namespace weft::cli
