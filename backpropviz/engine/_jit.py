"""The compile options every engine kernel shares.

``cache``: compiled code is kept on disk (see _cache.py). ``nogil``: a worker thread trains
while the window's thread draws. ``error_model="numpy"``: a division by zero gives inf or NaN
(which training treats as divergence) instead of a per-division check that stops loops such as
Adam's from vectorising (measured: 501 us -> 71 us for a 100k-parameter update).
"""
JIT = dict(cache=True, nogil=True, error_model="numpy")
#: for the small per-element and per-row functions: inlined into the kernels that call them,
#: so a call per row of a minibatch costs nothing
INLINE = dict(JIT, inline="always")
