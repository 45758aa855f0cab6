# weft outputs --html and weft replay --html, opened in a real headless Chromium: the page draws
# a lane per thread of the execution and a step per event (it records what it drew on <body>:
# data-lanes, data-steps, data-outcome), with no script error (data-errors, counted by the page's
# own window.onerror and console.error hooks; and no console message in Chromium's log); #outcome=N
# switches to another listed outcome; a screenshot is a PNG of some size. The page fetches
# nothing: it names no address. The expected counts come from the weft traces of the same
# executions (--traces). CTest runs it:
#   cmake -DWEFT=path/to/weft -DCHROMIUM=path/to/chromium -DDIR=scratch -P this

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

if(NOT CHROMIUM)
  message(FATAL_ERROR "no chromium: scripts/setup.sh installs it (Debian package chromium)")
endif()
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# The threads (those that stepped, and those stuck before their first step) and the events of a
# weft trace.
function(trace_counts trace threads_var steps_var)
  file(READ ${trace} json)
  string(JSON n LENGTH "${json}" events)
  set(threads "")
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON t GET "${json}" events ${i} thread)
    list(APPEND threads "${t}")
  endforeach()
  string(JSON nb LENGTH "${json}" outcome blocked)
  if(nb GREATER 0)
    math(EXPR last "${nb} - 1")
    foreach(i RANGE ${last})
      string(JSON t GET "${json}" outcome blocked ${i} thread)
      list(APPEND threads "${t}")
    endforeach()
  endif()
  list(REMOVE_DUPLICATES threads)
  list(LENGTH threads nt)
  set(${threads_var} ${nt} PARENT_SCOPE)
  set(${steps_var} ${n} PARENT_SCOPE)
endfunction()

set(run 0)
# Opens `page` (a file:// address, with a #fragment or not) and leaves its DOM in `dom`.
function(open_page page)
  math(EXPR n "${run} + 1")
  set(run ${n} PARENT_SCOPE)
  execute_process(COMMAND ${CHROMIUM} --headless --no-sandbox --disable-gpu
                          --user-data-dir=${DIR}/profile-${n} --enable-logging=stderr
                          --dump-dom ${page}
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  if(NOT code EQUAL 0 OR NOT out MATCHES "<body ")
    message(FATAL_ERROR "chromium --dump-dom ${page} exited ${code}:\n${err}")
  endif()
  if(err MATCHES ":CONSOLE[^\n]*")
    message(FATAL_ERROR "${page} wrote to the console: ${CMAKE_MATCH_0}")
  endif()
  set(dom "${out}" PARENT_SCOPE)
endfunction()

# The page drew outcome `number` with `lanes` lanes and `steps` steps, and met no error.
function(drew page number lanes steps)
  open_page(${page})
  set(want "<body data-lanes=\"${lanes}\" data-steps=\"${steps}\" data-outcome=\"${number}\" data-errors=\"0\">")
  string(FIND "${dom}" "${want}" at)
  if(at EQUAL -1)
    string(REGEX MATCH "<body[^>]*>" got "${dom}")
    message(FATAL_ERROR "${page}: expected ${want}, got ${got}")
  endif()
  set(dom "${dom}" PARENT_SCOPE)
endfunction()

function(self_contained html)
  file(READ ${html} text)
  if(text MATCHES "(https?|ftp|wss?|data):|<link|src=|@import|url\\([^#]")
    message(FATAL_ERROR "${html} names something to fetch: ${CMAKE_MATCH_0}")
  endif()
endfunction()

# deadlock -p threads=2: outcome 1 is the deadlock (tests/cli_lanes.cmake), drawn first; its
# cycle is drawn in red, an arrow per thread in it.
expect(1 "" ${WEFT} outputs deadlock -p threads=2 --traces ${DIR}/deadlock --html ${DIR}/deadlock.html)
self_contained(${DIR}/deadlock.html)
trace_counts(${DIR}/deadlock/outcome-1.json threads steps)
drew(file://${DIR}/deadlock.html 1 ${threads} ${steps})
string(REGEX MATCHALL "class=\"arrow cycle\"" cycle "${dom}")
list(LENGTH cycle n)
if(NOT n EQUAL 2)
  message(FATAL_ERROR "deadlock.html: ${n} cycle arrows, not 2 (Thread-1 -> Thread-2 -> Thread-1)")
endif()
# Every listed outcome is there to switch to, and #outcome=N draws outcome N.
string(REGEX MATCHALL "href=\"#outcome=[0-9]+\"" links "${dom}")
list(LENGTH links n)
file(GLOB traces ${DIR}/deadlock/outcome-*.json)
list(LENGTH traces listed)
if(NOT n EQUAL listed)
  message(FATAL_ERROR "deadlock.html lists ${n} outcomes, the listing ${listed}")
endif()
foreach(k 3 8)
  trace_counts(${DIR}/deadlock/outcome-${k}.json threads steps)
  drew("file://${DIR}/deadlock.html#outcome=${k}" ${k} ${threads} ${steps})
endforeach()

# rlock -p threads=2 with --outcome 4: that one drawn first.
expect(0 "" ${WEFT} outputs rlock -p threads=2 --traces ${DIR}/rlock --html ${DIR}/rlock.html --outcome 4)
trace_counts(${DIR}/rlock/outcome-4.json threads steps)
drew(file://${DIR}/rlock.html 4 ${threads} ${steps})

# weft replay --html: the one execution, no list.
expect(1 "" ${WEFT} replay ${DIR}/deadlock/outcome-1.json --quiet --html ${DIR}/replayed.html)
self_contained(${DIR}/replayed.html)
trace_counts(${DIR}/deadlock/outcome-1.json threads steps)
drew(file://${DIR}/replayed.html 1 ${threads} ${steps})

# A screenshot: a PNG, of a size no blank page has.
execute_process(COMMAND ${CHROMIUM} --headless --no-sandbox --disable-gpu --hide-scrollbars
                        --user-data-dir=${DIR}/profile-shot --window-size=1200,560
                        --screenshot=${DIR}/deadlock.png file://${DIR}/deadlock.html
                RESULT_VARIABLE code OUTPUT_QUIET ERROR_QUIET TIMEOUT 120)
file(SIZE ${DIR}/deadlock.png size)
file(READ ${DIR}/deadlock.png magic LIMIT 8 HEX)
if(NOT code EQUAL 0 OR NOT magic STREQUAL "89504e470d0a1a0a" OR size LESS 20000)
  message(FATAL_ERROR "chromium --screenshot exited ${code}: ${size} bytes starting ${magic}")
endif()

# A path that cannot be written: one line, exit 2, before anything runs.
expect(2 "^weft: --html: cannot write '${DIR}': it is a directory\n$"
       ${WEFT} outputs daemon --html ${DIR})
