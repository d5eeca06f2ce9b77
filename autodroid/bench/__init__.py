"""Benchmark suites: task success on recorded DroidTask apps (ours and a step-wise baseline, scored
leniently as published and strictly), latency of each stage, and a JSON + HTML + markdown report.

Entry points: ``autodroid bench accuracy`` (``accuracy.run_accuracy``), ``autodroid bench latency``
(``latency.run_latency``); ``benchmarks/README.md`` explains both.
"""
