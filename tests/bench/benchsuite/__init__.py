"""The benchmark suite behind tests/bench/run: peers, measures, and the one table they fill."""
