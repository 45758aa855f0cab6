# weft outputs in bounded memory and output: the summary first, a capped listing, a count of what
# was not listed, the memory limit. CTest runs it: cmake -DWEFT=path/to/weft -DDIR=scratch -P this.
#
# daemon has 6 outcomes: main-------, 123 and 456 in any of 3! orders, then end123, end456.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# Two listed after the summary, and how to see the other four.
expect(0 "^daemon: 6 distinct outcomes in 6 executions, complete[^\n]*\n[^\n]*further outcomes[^\n]*\ncounted: the 4 outcomes not kept in full by 64-bit fingerprints[^\n]*\nlisted: 2 outcomes \\(the first found, and the first of each status\\); 4 not listed \\(--max-list N or --max-list all lists more; --sample K shows K of them at random\\)\n\noutcome 1 of 6: ok[^\n]*\n  stdout:\n    main-------\n    123\n    456\n    end123\n    end456\n\noutcome 2 of 6: ok[^\n]*\n  stdout:\n(    [^\n]*\n)+\ndescription \\(exact: [^\n]*\\):\n"
       ${WEFT} outputs daemon --max-list 2)
expect(0 "\"distinct_outcomes\": 6,.*\"outcomes_not_listed\": 4,.*\"outcomes\": \\[\n    {.*\"number\": 1,.*\"number\": 2,.*\n  \\]\n}\n$"
       ${WEFT} outputs daemon --max-list 2 --json)
if(last_output MATCHES "\"number\": 3")
  message(FATAL_ERROR "--max-list 2 --json lists a third outcome:\n${last_output}")
endif()
# Every outcome, and no note, with --max-list all (or a cap above the count).
expect(0 "^daemon: 6 distinct outcomes[^\n]*\n[^\n]*further outcomes[^\n]*\n\noutcome 1 of 6.*outcome 6 of 6"
       ${WEFT} outputs daemon --max-list all)
# --list, the option's earlier name, still works.
expect(0 "; 4 not listed" ${WEFT} outputs daemon --list 2)
expect(0 "\"counting\": \"exact\",.*\"outcomes_not_listed\": 0," ${WEFT} outputs daemon --json)
# The first of each status is listed beyond the cap: deadlock threads=2 finds a deadlock first
# and its first ok outcome third.
expect(1 "\noutcome 1 of 8: deadlock.*\noutcome 3 of 8: ok" ${WEFT} outputs deadlock -p threads=2 --max-list 1)

# Counted by fingerprint beyond the two listed: rlock's threads each print a func1 block then a
# func2 block of two lines, blocks never interleaved; 3 threads: 6!/2^3 = 90 orders of 6 blocks.
expect(0 "^rlock threads=3: 90 distinct outcomes in [0-9]+ executions, complete[^\n]*\n[^\n]*\ncounted: the 88 outcomes not kept in full[^\n]*\nlisted: 2 outcomes [^\n]*; 88 not listed"
       ${WEFT} outputs rlock -p threads=3 --max-list 2)

# A memory limit below what any process holds ends the search after its first execution.
expect(4 "^rlock threads=10: 1 distinct outcome in 1 execution, INCOMPLETE \\(cut by max-memory\\)[^\n]*\nmax-memory: weft held more than 1 KiB \\(--max-memory SIZE sets the limit\\)\n\noutcome 1 of 1: ok"
       ${WEFT} outputs rlock --max-memory 1K)
expect(4 "\"cut_by\": \"max-memory\"" ${WEFT} outputs rlock --max-memory 1K --json)
expect(4 "INCOMPLETE, cut by max-memory after 1 executions" ${WEFT} check rlock --max-memory 1K)

# Bad sizes and counts: one line, exit 2.
expect(2 "^weft: --max-memory takes a size with its unit \\(512M, 2G\\), not '512'\n$"
       ${WEFT} outputs daemon --max-memory 512)
expect(2 "^weft: --max-memory takes a size with its unit \\(512M, 2G\\), not '0G'\n$"
       ${WEFT} check daemon --max-memory 0G)
expect(2 "^weft: --max-memory applies to --strategy dfs only\n$"
       ${WEFT} check daemon --strategy random --max-memory 1G)
expect(2 "^weft: --max-list takes a count or 'all', not 'some'\n$" ${WEFT} outputs daemon --max-list some)
