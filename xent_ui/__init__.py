"""xent ui."""

from threadpoolctl import threadpool_limits

# One BLAS thread per matrix product, for the whole server process. The app's products are
# small (a 64-wide layer over a mini-batch or an 80×80 grid) and every session shares the
# cores. Measured on a 2-core machine (bench/training_speed.py): when idle, OpenBLAS's two
# threads made a wide training run 10 % faster for twice the CPU time; with other work on
# the cores they made it 6× slower. Set here, on the first import of xent_ui, because numpy
# (and its BLAS) is loaded before app.py runs, too late for an environment variable.
threadpool_limits(limits=1, user_api="blas")
