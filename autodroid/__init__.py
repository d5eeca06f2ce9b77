"""autodroid: explore an Android app into API docs, plan one script per task with a local model, run it safely."""

__version__ = "0.1.0"
