/* "Lock-order fixed" (bench/spin_compare.sh): N processes each take lock A then lock B, release
   B then A, twice. weft's version: bench/spin_models.hpp, spin_lock_order. */
#ifndef N
#define N 10
#endif
bit A, B;
inline acquire(l) { atomic { l == 0 -> l = 1 } }
active [N] proctype P() {
  acquire(A); acquire(B); B = 0; A = 0;
  acquire(A); acquire(B); B = 0; A = 0
}
