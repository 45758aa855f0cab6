// Draws one outcome's witness of the page's data (cli/html_view.hpp says its form) as lanes on a
// virtual-time axis, and lists the outcomes to switch between (#outcome=N). The page records what
// it drew on <body> (data-lanes, data-steps, data-outcome) and counts script errors
// (data-errors), so that a headless browser's DOM tells whether it worked.
"use strict";
(function () {
  var body = document.body;
  var errors = 0;
  function countError() { errors += 1; body.setAttribute("data-errors", String(errors)); }
  window.addEventListener("error", countError);
  var consoleError = console.error;
  console.error = function () { countError(); consoleError.apply(console, arguments); };

  // The <svg> element of the page: its namespace, taken from it, needs no address written here.
  var svg = document.getElementById("lanes");
  var SVG = svg.namespaceURI;
  var SLOT = 50, GAP = 70, LANE = 72, LEFT = 120, TOP = 40, RIGHT = 60;
  var data = JSON.parse(document.getElementById("weft-data").textContent);

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) e.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(parent, x, y, s, cls) {
    var t = el("text", { x: x, y: y }, parent);
    if (cls) t.setAttribute("class", cls);
    t.textContent = s;
    return t;
  }
  function tip(e, s) { el("title", {}, e).textContent = s; }
  function short(s, n) { return s.length > n ? s.slice(0, n - 1) + "\u2026" : s; }
  function seconds(t) { return t.toFixed(3); }
  // Printed text on one line, without its colour codes (ANSI SGR).
  function flat(s) { return s.replace(/\x1b\[[0-9;]*m/g, "").replace(/\n/g, " \u23ce "); }

  // x of each step: one slot apart, a wider gap where virtual time jumps.
  function layout(o) {
    var xs = [], x = LEFT + SLOT, jumps = [];
    for (var i = 0; i < o.steps.length; i++) {
      if (i > 0 && o.steps[i].time > o.steps[i - 1].time) { x += GAP; jumps.push(i); }
      xs.push(x);
      x += SLOT;
    }
    var last = o.steps.length ? o.steps[o.steps.length - 1].time : 0;
    var end = x + (o.end > last ? GAP : 0);
    return { xs: xs, end: end, jumps: jumps, width: end + RIGHT + (o.cycle.length ? 110 : 0) };
  }
  function laneY(l) { return TOP + 44 + l * LANE; }

  function drawAxis(svg, o, at) {
    var g = el("g", { "class": "axis" }, svg);
    var height = laneY(o.threads.length);
    var marks = [0].concat(at.jumps);
    marks.forEach(function (i) {
      if (i >= o.steps.length) return;
      var x = at.xs[i] - SLOT / 2;
      el("line", { x1: x, y1: TOP, x2: x, y2: height }, g);
      text(g, x + 3, TOP + 10, "t=" + seconds(o.steps[i].time) + " s");
    });
    if (o.end > (o.steps.length ? o.steps[o.steps.length - 1].time : 0)) {
      el("line", { x1: at.end, y1: TOP, x2: at.end, y2: height }, g);
      text(g, at.end - 40, TOP + 10, "t=" + seconds(o.end) + " s");
    }
  }

  // Where a span starts and ends on the axis: a hold at its step, the others just after theirs.
  function spanX(s, at) {
    var from = s.from === null ? LEFT : at.xs[s.from] + (s.kind === "hold" ? 0 : SLOT / 3);
    return [from, s.to === null ? at.end : at.xs[s.to]];
  }

  function drawSpans(svg, o, at) {
    var depth = {};
    o.spans.forEach(function (s) {
      var xy = spanX(s, at), y = laneY(s.lane), e;
      if (s.kind === "hold") {
        var d = depth[s.lane] = (depth[s.lane] || 0) + 1;
        e = el("rect", { "class": "hold", x: xy[0], y: y + 8 + 6 * ((d - 1) % 3),
                         width: Math.max(xy[1] - xy[0], 2), height: 5 }, svg);
      } else {
        e = el("line", { "class": s.kind, x1: xy[0], y1: y, x2: xy[1], y2: y }, svg);
      }
      tip(e, o.threads[s.lane] + " " + s.label);
    });
  }

  function curve(x1, y1, x2, y2) {
    var bend = Math.max(18, Math.abs(y2 - y1) / 3);
    return "M" + x1 + "," + y1 + " C" + (x1 + bend) + "," + y1 + " " + (x2 - bend) + "," + y2 +
           " " + x2 + "," + y2;
  }

  function drawArrows(svg, o, at) {
    o.arrows.forEach(function (a) {
      var from = o.steps[a.from], to = o.steps[a.to];
      var p = el("path", { "class": "arrow" + (a.hand_off ? " hand-off" : ""),
                           "marker-end": a.hand_off ? "url(#head-hand-off)" : "url(#head-wake)",
                           d: curve(at.xs[a.from], laneY(from.lane), at.xs[a.to] - 7,
                                    laneY(to.lane)) }, svg);
      tip(p, from.thread + "'s " + from.op + " (#" + from.step + ") " +
             (a.hand_off ? "hands " + to.object + " over to " : "wakes ") + to.thread +
             " (#" + to.step + ")");
    });
    // The deadlock's cycle: from each stuck thread to the one holding what it waits for.
    var n = o.cycle.length;
    o.cycle.forEach(function (c, i) {
      var next = o.cycle[(i + 1) % n], x = at.end + 14 + 18 * i;
      var y1 = laneY(c.lane), y2 = laneY(next.lane);
      var p = el("path", { "class": "arrow cycle", "marker-end": "url(#head-cycle)",
                           d: "M" + at.end + "," + y1 + " C" + (x + 30) + "," + y1 + " " +
                              (x + 30) + "," + y2 + " " + (at.end + 4) + "," + y2 }, svg);
      var says = o.threads[c.lane] + " waits for " + c.object + ", held by " + o.threads[next.lane];
      tip(p, says);
      text(svg, x + 30, y1 + (y2 > y1 ? 16 : -8), "waits for " + c.object.split(" ").pop(),
           "cycle-label");
    });
  }

  // A step in a few words: "acquire mutexA", "sleep", or what a print printed.
  function label_of(s) {
    if (s.op === "print") return s.action.replace(/^print (?:[^"\s]+ )?/, "");
    return s.op + (s.object ? " " + s.object.split(" ").pop() : "");
  }

  function drawSteps(svg, o, at) {
    var detail = document.getElementById("detail");
    o.steps.forEach(function (s, i) {
      var x = at.xs[i], y = laneY(s.lane);
      var cls = "step" + (s.woken ? " woken" : "") + (s.op === "print" ? " print" : "");
      var c = el("circle", { "class": cls, cx: x, cy: y, r: 6 }, svg);
      var says = "#" + s.step + "  t=" + seconds(s.time) + " s  " + s.thread + ": " + s.action +
                 (s.note ? "\n" + s.note : "");
      tip(c, says);
      c.addEventListener("mouseenter", function () { detail.textContent = says; });
      var label = text(svg, x, y - 10 - 11 * (i % 3), short(label_of(s), 16));
      label.setAttribute("text-anchor", "middle");
    });
  }

  function defs(svg) {
    var d = el("defs", {}, svg);
    [["wake", "#2a8"], ["hand-off", "#839"], ["cycle", "#c00"]].forEach(function (m) {
      var mk = el("marker", { id: "head-" + m[0], viewBox: "0 0 10 10", refX: 9, refY: 5,
                              markerWidth: 7, markerHeight: 7, orient: "auto" }, d);
      el("path", { d: "M0,0 L10,5 L0,10 z", fill: m[1] }, mk);
    });
  }

  function draw(o) {
    var at = layout(o);
    var height = laneY(o.threads.length) + 10;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute("width", String(at.width + 60));
    svg.setAttribute("height", String(height));
    defs(svg);
    drawAxis(svg, o, at);
    var stuck = {};
    o.spans.forEach(function (s) { if (s.kind === "stuck") stuck[s.lane] = true; });
    o.threads.forEach(function (name, l) {
      var y = laneY(l);
      text(svg, 8, y + 4, short(name, 14), "thread" + (stuck[l] ? " stuck" : ""));
      el("line", { "class": "life", x1: LEFT, y1: y, x2: at.end, y2: y }, svg);
    });
    drawSpans(svg, o, at);
    drawArrows(svg, o, at);
    drawSteps(svg, o, at);
    var lanes = svg.querySelectorAll("text.thread").length;
    body.setAttribute("data-lanes", String(lanes));
    body.setAttribute("data-steps", String(svg.querySelectorAll("circle.step").length));
    body.setAttribute("data-outcome", String(o.number));
  }

  function describe(o) {
    return o.name + ": " + o.status + " (" + o.count +
           (o.count === 1 ? " execution" : " executions") + ")";
  }

  function show(o) {
    document.getElementById("summary").textContent = describe(o) +
        (o.stdout ? "; stdout: " + short(flat(o.stdout), 200) : "");
    var links = document.querySelectorAll("#outcomes a");
    for (var i = 0; i < links.length; i++)
      links[i].className = (links[i].getAttribute("data-status") !== "ok" ? "failure" : "") +
                           (links[i].getAttribute("data-number") === String(o.number) ? " shown" : "");
    draw(o);
  }

  function list() {
    var ul = document.getElementById("outcomes");
    if (data.outcomes.length < 2) { ul.style.display = "none"; return; }
    data.outcomes.forEach(function (o) {
      var a = document.createElement("a");
      a.href = "#outcome=" + o.number;
      a.setAttribute("data-number", String(o.number));
      a.setAttribute("data-status", o.status);
      a.textContent = o.number + ": " + o.status + (o.stdout ? " \u2014 " + short(flat(o.stdout), 60) : "");
      a.title = describe(o) + "\n" + o.stdout.replace(/\x1b\[[0-9;]*m/g, "");
      var li = document.createElement("li");
      li.appendChild(a);
      ul.appendChild(li);
    });
  }

  // The outcome #outcome=N names, else the one the command chose.
  function wanted() {
    var m = /outcome=(\d+)/.exec(location.hash);
    var pick = data.outcomes[data.chosen];
    if (m) data.outcomes.forEach(function (o) { if (String(o.number) === m[1]) pick = o; });
    return pick;
  }

  document.getElementById("title").textContent = "weft: " + data.title;
  list();
  show(wanted());
  window.addEventListener("hashchange", function () { show(wanted()); });
})();
