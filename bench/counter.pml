/* "Counter" (bench/spin_compare.sh): N processes each increment a shared counter K times under
   a lock; init waits until all have ended (_nr_pr: the processes still alive) and checks the
   total. weft's version: bench/spin_models.hpp, spin_counter. */
#ifndef N
#define N 4
#endif
#ifndef K
#define K 3
#endif
bit lock;
byte counter;
inline acquire(l) { atomic { l == 0 -> l = 1 } }
proctype P() {
  byte i, v;
  do
  :: i < K -> acquire(lock); v = counter; counter = v + 1; lock = 0; i++
  :: else -> break
  od
}
init {
  byte i;
  atomic { do :: i < N -> run P(); i++ :: else -> break od };
  _nr_pr == 1;
  assert(counter == N * K)
}
