# The timing models on the command line: the exact answer with the untimed model's count beside
# it, the untimed listing, traces that keep their model, bad model names. CTest runs it:
# cmake -DWEFT=path/to/weft -DDIR=scratch -P this.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# The textbook answer, then how many more outcomes a loaded machine can show; the listing follows.
expect(0 "^daemon: 6 distinct outcomes in 6 executions, 6 classes, complete[^\n]*\nuntimed model \\(a sleep or timeout may end at any point after it began\\): 39 further outcomes; weft outputs daemon --timing untimed\n\noutcome 1 of 6"
       ${WEFT} outputs daemon --no-state-caching)
expect(0 "^gil_counter lock=false threads=3: 1 distinct outcome[^\n]*\nuntimed model [^\n]*: 2 further outcomes; weft outputs gil_counter -p lock=false -p threads=3 --timing untimed\n\noutcome 1 of 1"
       ${WEFT} outputs gil_counter -p threads=3)
expect(0 "^gil_counter lock=true threads=3: 1 distinct outcome[^\n]*\nuntimed model [^\n]*: no further outcomes\n\noutcome 1 of 1"
       ${WEFT} outputs gil_counter -p threads=3 -p lock=true)
expect(0 "\"timing\": \"exact\",\n  \"untimed_further_outcomes\": 39" ${WEFT} outputs daemon --json)

# The untimed listing itself.
expect(0 "^daemon: 45 distinct outcomes in [0-9]+ executions, [0-9]+ classes, complete[^\n]*, untimed model\ncounted: the 25 outcomes not kept in full[^\n]*\nlisted: 20 outcomes [^\n]*; 25 not listed"
       ${WEFT} outputs daemon --timing untimed)
expect(0 "^gil_counter lock=false threads=3: 3 distinct outcomes[^\n]*\n\noutcome 1 of 3: .*\noutcome 3 of 3: ok[^\n]*\n  stdout:\n    [012]\n\ndescription "
       ${WEFT} outputs gil_counter -p threads=3 --timing untimed)

# A witness trace keeps its model, and replays under it.
expect(0 "" ${WEFT} outputs gil_counter -p threads=3 --timing untimed --traces traces)
file(READ "${DIR}/traces/outcome-1.json" trace)
if(NOT trace MATCHES "\"timing\": \"untimed\"")
  message(FATAL_ERROR "the trace does not record its timing model:\n${trace}")
endif()
expect(0 "replay reproduced the recorded outcome: ok" ${WEFT} replay --quiet traces/outcome-1.json)

# Bad model names: one line, exit 2.
expect(2 "^weft: --timing jitter is not available: only exact and untimed are sound models so far\n$"
       ${WEFT} outputs daemon --timing jitter=0.1)
expect(2 "^weft: unknown timing model 'fast' \\(exact or untimed\\)\n$"
       ${WEFT} check daemon --timing fast)
