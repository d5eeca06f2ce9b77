"""Speed of one model on this machine: load time, prefill and decode tokens/s, cold vs warm prompt
prefix (KV state computed vs loaded from disk by a fresh model instance), memory. Prints medians.

    python benchmarks/bench_model.py smollm2-135m --repeats 3
    python benchmarks/bench_model.py qwen2.5-coder-1.5b --prefix-tokens 2000 --no-mmap

Uses a throw-away cache dir for KV files (the assembled model in the real cache is reused).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def rss_mb() -> dict[str, float]:
    """VmRSS (all resident), RssAnon (private memory), RssFile (mapped file pages), VmHWM (peak)."""
    values = {}
    with open("/proc/self/status", encoding="utf-8") as handle:
        for line in handle:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    return values


def doc_prefix(model, target_tokens: int) -> tuple[str, str]:
    """A doc-shaped system prompt of about ``target_tokens`` tokens, and the chat prompt built on it."""
    lines = ["You write one short script for a phone app. Documented APIs:"]
    i = 0
    while True:
        lines.append(f"- settings_screen__option_{i} (checkbox): turns feature number {i} on or off")
        i += 1
        if i % 5 == 0 and model.count_tokens("\n".join(lines)) >= target_tokens:
            break
    system = "\n".join(lines)
    full = model.chat_prompt(system, "Turn on feature 17 and then write a long explanation of what you did.")
    cut = full.index(system) + len(system)
    return full[:cut], full


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", help="registry name or .gguf path")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--prefix-tokens", type=int, default=1000)
    parser.add_argument("--gen-tokens", type=int, default=48)
    parser.add_argument("--n-ctx", type=int, default=4096)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--no-mmap", action="store_true", help="load weights into anonymous memory")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)

    from autodroid.planner import registry
    from autodroid.planner.llama import LlamaModel

    spec = registry.resolve(args.model)
    path = registry.model_file(spec)
    kv_cache = tempfile.mkdtemp(prefix="bench-kv-")
    os.environ["AUTODROID_CACHE"] = kv_cache  # after model_file: only KV files go here

    def load() -> LlamaModel:
        return LlamaModel.load(path, n_ctx=args.n_ctx, n_threads=args.threads, name=spec.name,
                               sha256=spec.sha256, chat_template=spec.chat_template, use_mmap=not args.no_mmap)

    runs: dict[str, list[float]] = {k: [] for k in (
        "load_s", "prefill_tok_s", "decode_tok_s", "cold_s", "warm_s", "warm_prefill_s", "prefix_load_s")}
    memory = {}
    facts = {}
    for repeat in range(args.repeats):
        key = f"bench{repeat}"
        started = time.perf_counter()
        model = load()
        runs["load_s"].append(time.perf_counter() - started)
        prefix, prompt = doc_prefix(model, args.prefix_tokens)
        # cold: compute and save the prefix, then answer
        started = time.perf_counter()
        state = model.ensure_prefix(prefix, key)
        cold = model.complete(prompt, max_tokens=args.gen_tokens, prefix_cache_key=key)
        runs["cold_s"].append(time.perf_counter() - started)
        runs["prefill_tok_s"].append(state.tokens / state.seconds)
        if cold.generated_tokens > 1:
            runs["decode_tok_s"].append((cold.generated_tokens - 1) / cold.decode_seconds)
        memory = rss_mb()
        facts = {"prefix_tokens": state.tokens, "prompt_tokens": cold.prompt_tokens,
                 "generated_tokens": cold.generated_tokens,
                 "kv_file_mb": round(Path(state.path).stat().st_size / 1e6, 1)}
        model.close()
        # warm: a fresh instance finds the prefix on disk
        model = load()
        started = time.perf_counter()
        state = model.ensure_prefix(prefix, key)
        warm = model.complete(prompt, max_tokens=args.gen_tokens, prefix_cache_key=key)
        runs["warm_s"].append(time.perf_counter() - started)
        runs["prefix_load_s"].append(state.seconds)
        runs["warm_prefill_s"].append(warm.prefill_seconds)
        assert state.source == "disk" and warm.cached_prefix_tokens == facts["prefix_tokens"], (state, warm)
        assert warm.text == cold.text, "warm and cold answers differ"
        model.close()

    medians = {k: round(statistics.median(v), 3) for k, v in runs.items() if v}
    result = {"model": spec.name, "mmap": not args.no_mmap, "threads": args.threads or os.cpu_count(),
              "n_ctx": args.n_ctx, "repeats": args.repeats, **facts, **medians,
              "rss_mb": {k: round(v) for k, v in memory.items()}}
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:>18}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
