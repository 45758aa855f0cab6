# weft possible end to end on rlock with its 10 threads: possible with a witness that replays,
# impossible, undecided, and its exit codes. CTest runs it:
# cmake -DWEFT=path/to/weft -DDIR=scratch -P this.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# Each thread in turn runs func1 then func2 whole (colour codes left out: they are ignored).
set(whole "")
foreach(i RANGE 1 10)
  string(APPEND whole "Thread-${i} 拿到A锁\nThread-${i} 拿到B锁\nThread-${i} 拿到B锁\nThread-${i} 拿到A锁\n")
endforeach()
file(WRITE "${DIR}/whole.txt" "${whole}")
# Thread-1's func1 lines in the wrong order: it takes A before B.
string(REPLACE "Thread-1 拿到A锁\nThread-1 拿到B锁\nThread-1 拿到B锁"
               "Thread-1 拿到B锁\nThread-1 拿到A锁\nThread-1 拿到B锁" swapped "${whole}")
file(WRITE "${DIR}/swapped.txt" "${swapped}")

expect(0 "^possible: an execution prints exactly that \\(found after 1 executions.*witness trace: w.json"
       ${WEFT} possible rlock --stdout whole.txt --trace-out w.json)
expect(0 "replay reproduced the recorded outcome: ok" ${WEFT} replay --quiet w.json)
expect(1 "^impossible: no execution prints exactly that \\(every schedule tried: 129 executions \\(65 abandoned"
       ${WEFT} possible rlock --stdout swapped.txt)
expect(1 "^impossible" ${WEFT} possible rlock --stdout whole.txt --exact-bytes)
expect(1 "\"answer\": \"impossible\",\n  \"cut_by\": null,\n  \"executions\": 129,.*\"witness_trace\": null"
       ${WEFT} possible rlock --stdout swapped.txt --json)
expect(0 "\"answer\": \"possible\".*\"status\": \"ok\".*\"witness_trace\": \"j.json\""
       ${WEFT} possible rlock --stdout whole.txt --json --trace-out j.json)
expect(4 "^undecided: the search was cut by max-executions after 5 executions"
       ${WEFT} possible rlock --stdout swapped.txt --max-executions 5)
expect(2 "cannot read stdout file 'missing.txt'" ${WEFT} possible rlock --stdout missing.txt)

# Why not, in full: the longest prefix some execution prints, the line that cannot come next and
# what comes there instead, and the closest execution's trace, which replays.
# daemon: t1 prints 123 and t2 456 at t=0 while main prints; end123 comes at 1 s, end456 at 3 s.
# After main------- and 123 the one line left at t=0 is 456, so end456 cannot come third.
file(WRITE "${DIR}/daemon.txt" "main-------\n123\nend456\nend123\n")
expect(1 "" ${WEFT} possible daemon --stdout daemon.txt)
set(want [=[
impossible: no execution prints exactly that (every schedule tried: 12 executions (5 abandoned as soon as they went astray, 1 where nothing new was left))
why not: the longest prefix of it that an execution prints is 2 lines:
  main-------
  123
line 3 cannot come next: end456
executions print there instead:
  456
closest execution: weft-closest-daemon.json  (weft replay weft-closest-daemon.json)
]=])
if(NOT last_output STREQUAL want)
  message(FATAL_ERROR "weft possible daemon printed:\n${last_output}\nexpected:\n${want}")
endif()
expect(0 "main-------\n    123\n    456\n" ${WEFT} replay weft-closest-daemon.json)
# sayhi: main prints 主线程 at once, the thread after its 2 s sleep; the first line is fixed.
file(WRITE "${DIR}/sayhi.txt" "harry say hello\n主线程\n")
expect(1 "" ${WEFT} possible sayhi --stdout sayhi.txt --trace-out closest.json)
set(want [=[
impossible: no execution prints exactly that (every schedule tried: 1 executions (1 abandoned as soon as they went astray, 0 where nothing new was left))
why not: no execution prints its first line
line 1 cannot come first: harry say hello
executions print there instead:
  主线程
closest execution: closest.json  (weft replay closest.json)
]=])
if(NOT last_output STREQUAL want)
  message(FATAL_ERROR "weft possible sayhi printed:\n${last_output}\nexpected:\n${want}")
endif()
# A target that stops short, and one that goes on past every output.
file(WRITE "${DIR}/short.txt" "主线程\n")
expect(1 "is 1 line:\n  主线程\nits end cannot come next\nexecutions print there instead:\n  harry say hello\n"
       ${WEFT} possible sayhi --stdout short.txt)
file(WRITE "${DIR}/long.txt" "主线程\nharry say hello\nbye\n")
expect(1 "line 3 cannot come next: bye\nexecutions print there instead:\n  \\(end of output\\)\n"
       ${WEFT} possible sayhi --stdout long.txt)
# Cut by a budget, it says what it observed: rlock's first execution begins with Thread-1 拿到A锁.
expect(4 "why not, as observed \\(the search was incomplete\\): no execution run so far printed its first line\nline 1 cannot come first: Thread-1 拿到B锁\nexecutions run so far printed there instead:\n  Thread-1 拿到A锁\n"
       ${WEFT} possible rlock --stdout swapped.txt --max-executions 1)
