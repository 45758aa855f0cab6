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
