"""In-process GGUF models through llama-cpp-python: the only module that imports ``llama_cpp``.

``LlamaModel`` decodes greedily (temperature 0) under an optional GBNF grammar, counts tokens with the
model's tokenizer, and keeps the KV state of a stable prompt prefix on disk (``ensure_prefix``), so a
new process evaluates only the part of the prompt after the prefix.

Choices measured on this machine (models/README.md has the numbers):
- KV prefix files use llama.cpp's ``llama_state_save_file`` / ``llama_state_load_file``: for a 2,001-token
  prefix on SmolLM2-135M they take 46 MB and 0.02 s to save or load, where a pickled ``Llama.save_state()``
  takes 147 MB (it carries a logits buffer) and 0.7 s / 0.4 s.
- ``use_mmap`` (see ``USE_MMAP``): weights mapped from the file load fastest and are shared with the page
  cache; the RSS numbers with and without it are in the README.
- ``n_ubatch`` 128 (llama.cpp's default is 512): the attention scores of a prefill batch grow with it, so
  peak RSS on a 3,000-token prompt falls (Qwen2.5-Coder 0.5B 808 -> 718 MB) at the same prefill and
  decode speed. ``flash_attn`` saves as much memory but slows decode by a third here (9.0 -> 6.3 tok/s).
- On x86 CPUs with AMX, llama.cpp's AMX weight buffers crash (SIGSEGV in ggml_backend_amx_mul_mat) on
  any prompt longer than one token with this build, so "extra buffer types" are switched off there
  (``AUTODROID_LLAMA_EXTRA_BUFTS=1`` turns them back on).
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import os
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

# OpenMP threads that spin while waiting collapse when another process holds a core (measured: Qwen 0.5B
# prefill 4 tok/s spinning vs 56 tok/s passive on 2 busy cores). libgomp reads this when it loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import llama_cpp  # noqa: E402
import llama_cpp.llama_cpp as llama_c  # noqa: E402
from llama_cpp import Llama, LlamaGrammar  # noqa: E402
from llama_cpp.llama_chat_format import Jinja2ChatFormatter  # noqa: E402

from autodroid import paths  # noqa: E402
from autodroid.errors import ModelError  # noqa: E402
from autodroid.fileio import atomic_write_text  # noqa: E402
from autodroid.planner.model import Completion, PrefixState  # noqa: E402

USE_MMAP = True
UBATCH = 128  # tokens per llama.cpp compute batch (see the module docstring)
KV_FORMAT = 2  # bump when the meta layout or the way prefix tokens are made changes
_LOG: deque[str] = deque(maxlen=200)
_LOAD_LOCK = threading.Lock()


@llama_c.llama_log_callback
def _log_callback(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
    # llama.cpp logs a lot at load time; keep the tail for error messages, print only when asked.
    line = text.decode("utf-8", errors="replace")
    _LOG.append(line)
    if os.environ.get("AUTODROID_LLAMA_VERBOSE"):
        sys.stderr.write(line)


llama_c.llama_log_set(_log_callback, ctypes.c_void_p(0))


def _log_tail(lines: int = 3) -> str:
    interesting = [line.strip() for line in _LOG if "error" in line.lower() or "failed" in line.lower()]
    return " | ".join(interesting[-lines:])


@contextlib.contextmanager
def _captured_stderr():
    """Collect what native code writes to fd 2 (the grammar parser prints its complaint there)."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile(mode="w+b") as sink:
        os.dup2(sink.fileno(), 2)
        box: list[str] = []
        try:
            yield box
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            box.append(sink.read().decode("utf-8", errors="replace"))


def _default_threads() -> int:
    """$AUTODROID_THREADS, else every core. On a CPU another process keeps busy, fewer threads win
    (Qwen 0.5B with one of 2 cores busy: 100 tok/s prefill with 1 thread, 57 with 2)."""
    value = os.environ.get("AUTODROID_THREADS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    return max(1, os.cpu_count() or 1)


def _cpu_has_amx() -> bool:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as handle:
            return "amx_int8" in handle.read()
    except OSError:
        return False


def _use_extra_buffer_types() -> bool:
    flag = os.environ.get("AUTODROID_LLAMA_EXTRA_BUFTS")
    if flag is not None:
        return flag not in ("0", "", "false", "no")
    return not _cpu_has_amx()


@contextlib.contextmanager
def _model_params_patch(use_extra_bufts: bool):
    """``Llama()`` has no argument for ``use_extra_bufts``; swap the defaults it starts from while it
    loads (under a lock, restored at once)."""
    if use_extra_bufts:
        yield
        return
    original = llama_c.llama_model_default_params

    def params():
        value = original()
        value.use_extra_bufts = False
        return value

    with _LOAD_LOCK:
        llama_c.llama_model_default_params = params
        try:
            yield
        finally:
            llama_c.llama_model_default_params = original


# ---------------------------------------------------------------- grammars


@dataclass(frozen=True)
class Grammar:
    """A GBNF grammar llama.cpp has parsed successfully."""

    text: str
    _compiled: LlamaGrammar


def compile_grammar(text: str, *, _vocab=None) -> Grammar:
    """Parse GBNF ``text`` with llama.cpp's parser; a bad grammar raises ModelError quoting its complaint."""
    if not text.strip():
        raise ModelError("empty grammar", fix="pass GBNF text with a `root ::= ...` rule, or no grammar")
    with _captured_stderr() as complaint:
        sampler = llama_c.llama_sampler_init_grammar(_vocab, text.encode("utf-8"), b"root")
    if not sampler:
        said = " ".join((complaint[0] if complaint else "").split())
        said = said.split(" root ::=")[0] if said else _log_tail(1)  # the parser echoes the grammar after
        raise ModelError(f"invalid GBNF grammar: {said or 'llama.cpp could not parse it'}",
                         fix="correct the grammar (rules are `name ::= ...`, and `root` must exist)")
    llama_c.llama_sampler_free(sampler)
    return Grammar(text, LlamaGrammar.from_string(text))


# ---------------------------------------------------------------- prefix KV cache


@dataclass(frozen=True)
class _Prefix:
    key: str
    text: str
    tokens: tuple[int, ...]
    path: Path


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- the model


class LlamaModel:
    """A GGUF model loaded in this process. Use ``LlamaModel.load``; ``close()`` frees it."""

    def __init__(self, llm: Llama, *, name: str, path: Path, identity: str, chat_template: str):
        self._llm = llm
        self.name = name
        self.path = path
        self.identity = identity  # the model's sha256, or a stand-in tied to the file; keys the KV files
        self._chat_template = chat_template
        self._formatter: Jinja2ChatFormatter | None = None
        self._grammars: dict[str, Grammar] = {}
        self._prefixes: dict[str, _Prefix] = {}
        self._add_bos = bool(llama_c.llama_vocab_get_add_bos(llm._model.vocab))
        self.load_seconds = 0.0

    @classmethod
    def load(
        cls,
        path: str | os.PathLike,
        *,
        n_ctx: int = 4096,
        n_threads: int | None = None,
        seed: int = 0,
        name: str | None = None,
        sha256: str | None = None,
        chat_template: str = "gguf",
        use_mmap: bool = USE_MMAP,
    ) -> "LlamaModel":
        path = Path(path)
        if not path.is_file():
            raise ModelError(f"model file {path} does not exist",
                             fix="run `autodroid models path` to assemble it, or pass an existing .gguf")
        threads = n_threads or _default_threads()
        started = time.perf_counter()
        _LOG.clear()
        try:
            with _model_params_patch(_use_extra_buffer_types()):
                llm = Llama(
                    model_path=str(path),
                    n_ctx=n_ctx,
                    n_threads=threads,
                    n_threads_batch=threads,
                    seed=seed,
                    use_mmap=use_mmap,
                    n_ubatch=UBATCH,
                    verbose=False,
                )
        except (ValueError, RuntimeError, OSError) as error:
            detail = _log_tail() or str(error)
            raise ModelError(
                f"llama.cpp could not load {path}: {detail}",
                fix="run `autodroid models check` (a corrupt file is reassembled), or use another model file",
            ) from error
        if sha256 is None:
            stat = path.stat()
            identity = "file-" + _sha(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}")[:32]
        else:
            identity = sha256
        model = cls(llm, name=name or path.stem, path=path, identity=identity, chat_template=chat_template)
        model.load_seconds = time.perf_counter() - started
        return model

    # ------------------------------------------------------------ tokens and templates

    @property
    def n_ctx(self) -> int:
        return self._llm.n_ctx()

    def tokenize(self, text: str, *, bos: bool = True) -> list[int]:
        """Tokens of ``text`` as a prompt: special tokens (chat markers) parsed, BOS when the model adds one."""
        add_bos = bos and self._add_bos and not text.startswith(self._token_text(self._llm.token_bos()))
        return self._llm.tokenize(text.encode("utf-8"), add_bos=add_bos, special=True)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenize(text))

    def _token_text(self, token: int) -> str:
        if token < 0:
            return "\0none"
        return self._llm.detokenize([token], special=True).decode("utf-8", errors="replace") or "\0none"

    def chat_prompt(self, system: str, user: str) -> str:
        template = self._llm.metadata.get("tokenizer.chat_template")
        if self._chat_template == "plain" or not template:
            return f"{_defuse(system)}\n\n{_defuse(user)}\n"
        if self._formatter is None:
            self._formatter = Jinja2ChatFormatter(
                template=template,
                eos_token=self._token_text(self._llm.token_eos()),
                bos_token=self._token_text(self._llm.token_bos()),
                add_generation_prompt=True,
            )
        messages = [{"role": "system", "content": _defuse(system)}, {"role": "user", "content": _defuse(user)}]
        return self._formatter(messages=messages).prompt

    def compile_grammar(self, text: str) -> Grammar:
        grammar = self._grammars.get(text)
        if grammar is None:
            grammar = compile_grammar(text, _vocab=self._llm._model.vocab)
            self._grammars[text] = grammar
        return grammar

    # ------------------------------------------------------------ prefix KV cache

    def kv_dir(self) -> Path:
        return paths.cache_dir() / "kv" / self.name

    def _kv_paths(self, key: str) -> tuple[Path, Path]:
        if not key or any(c in key for c in "/\\\0") or key.startswith("."):
            raise ModelError(f"bad prefix cache key {key!r}", fix="use a hash (hex digits) as the key")
        base = self.kv_dir() / key
        return base.with_suffix(".bin"), base.with_suffix(".json")

    def _meta(self, prefix_text: str, tokens: list[int] | tuple[int, ...]) -> dict:
        return {
            "format": KV_FORMAT,
            "model": self.identity,
            "llama_cpp": llama_cpp.__version__,
            "prefix_sha256": _sha(prefix_text),
            "prefix_chars": len(prefix_text),
            "tokens": len(tokens),
        }

    def ensure_prefix(self, prefix_text: str, key: str) -> PrefixState:
        """Make the KV state of ``prefix_text`` current, computing it only when no valid file exists
        for (this model, ``key``). The file is keyed by the caller's ``key`` (a hash of doc version +
        template) and checked against this model's sha256 and the prefix text; anything stale is
        replaced."""
        started = time.perf_counter()
        known = self._prefixes.get(key)
        if known is not None and known.text == prefix_text and self._context_holds(known.tokens):
            return PrefixState(key, len(known.tokens), "memory", time.perf_counter() - started, str(known.path))
        bin_path, meta_path = self._kv_paths(key)
        tokens = self.tokenize(prefix_text)
        if len(tokens) >= self.n_ctx:
            raise ModelError(f"prompt prefix is {len(tokens)} tokens; the context holds {self.n_ctx}",
                             fix="shorten the prefix (retrieve fewer APIs) or load the model with a larger n_ctx")
        prefix = _Prefix(key, prefix_text, tuple(tokens), bin_path)
        if self._meta_matches(meta_path, self._meta(prefix_text, tokens)) and self._load_state(prefix):
            self._prefixes[key] = prefix
            return PrefixState(key, len(tokens), "disk", time.perf_counter() - started, str(bin_path))
        self._llm.reset()
        self._llm.eval(tokens)
        self._save_state(prefix, meta_path)
        self._prefixes[key] = prefix
        return PrefixState(key, len(tokens), "computed", time.perf_counter() - started, str(bin_path))

    def _context_holds(self, tokens: tuple[int, ...]) -> bool:
        current = self._llm.input_ids[: self._llm.n_tokens]
        return len(current) >= len(tokens) and tuple(current[: len(tokens)].tolist()) == tokens

    @staticmethod
    def _meta_matches(meta_path: Path, expected: dict) -> bool:
        try:
            return json.loads(meta_path.read_text(encoding="utf-8")) == expected
        except (OSError, ValueError):
            return False

    def _save_state(self, prefix: _Prefix, meta_path: Path) -> None:
        prefix.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{prefix.path.name}.", suffix=".tmp", dir=prefix.path.parent)
        os.close(fd)
        try:
            array = (llama_c.llama_token * len(prefix.tokens))(*prefix.tokens)
            if not llama_c.llama_state_save_file(self._llm.ctx, tmp.encode(), array, len(prefix.tokens)):
                raise ModelError(f"llama.cpp could not save the prefix KV state to {tmp}",
                                 fix=f"check free space and permissions in {prefix.path.parent}")
            os.replace(tmp, prefix.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        # The meta file is written last: a .bin without a matching .json is never trusted.
        atomic_write_text(meta_path, json.dumps(self._meta(prefix.text, prefix.tokens), sort_keys=True))

    def _load_state(self, prefix: _Prefix) -> bool:
        """Load the prefix's KV file into the context; False (and the files removed) when it is unusable."""
        capacity = self.n_ctx
        out = (llama_c.llama_token * capacity)()
        count = ctypes.c_size_t(0)
        self._llm.reset()
        ok = llama_c.llama_state_load_file(self._llm.ctx, str(prefix.path).encode(), out, capacity, ctypes.byref(count))
        if not ok or tuple(out[: count.value]) != prefix.tokens:
            self._llm.reset()
            self.forget_prefix(prefix.key)
            return False
        self._llm.input_ids[: count.value] = prefix.tokens
        self._llm.n_tokens = count.value
        self._llm._requires_eval = True  # logits must come from a live decode before sampling
        return True

    def forget_prefix(self, key: str) -> None:
        """Drop the prefix stored under ``key`` (memory and disk)."""
        self._prefixes.pop(key, None)
        for path in self._kv_paths(key):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def _prefix_for(self, key: str, prompt: str) -> _Prefix | None:
        """The known prefix under ``key`` if ``prompt`` starts with its text (from memory, or from the
        meta file a previous process left)."""
        prefix = self._prefixes.get(key)
        if prefix is not None:
            return prefix if prompt.startswith(prefix.text) else None
        bin_path, meta_path = self._kv_paths(key)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            chars = int(meta["prefix_chars"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        text = prompt[:chars]
        if len(text) != chars or _sha(text) != meta.get("prefix_sha256"):
            return None
        tokens = self.tokenize(text)
        if meta != self._meta(text, tokens):
            return None
        prefix = _Prefix(key, text, tuple(tokens), bin_path)
        self._prefixes[key] = prefix
        return prefix

    def _prompt_tokens(self, prompt: str, prefix: _Prefix | None) -> list[int]:
        """Tokens of ``prompt``. With a prefix, its tokens come first exactly as cached: when joint
        tokenisation merges tokens across the boundary, the suffix is tokenised on its own (the same
        way whether the cache is cold or warm, so the output does not depend on the cache)."""
        tokens = self.tokenize(prompt)
        if prefix is None or tuple(tokens[: len(prefix.tokens)]) == prefix.tokens:
            return tokens
        return list(prefix.tokens) + self.tokenize(prompt[len(prefix.text):], bos=False)

    # ------------------------------------------------------------ completion

    def _ready(self, prompt: str, prefix_cache_key: str | None) -> tuple[list[int], int]:
        """The prompt's tokens and how many of them the context already holds (the prefix's KV state
        loaded from disk first when it is not in memory)."""
        prefix = self._prefix_for(prefix_cache_key, prompt) if prefix_cache_key else None
        tokens = self._prompt_tokens(prompt, prefix)
        if len(tokens) >= self.n_ctx:
            raise ModelError(f"prompt is {len(tokens)} tokens; the context holds {self.n_ctx}",
                             fix="shorten the prompt (retrieve fewer APIs or examples) or load with a larger n_ctx")
        if prefix is not None and not self._context_holds(prefix.tokens) and prefix.path.is_file():
            self._load_state(prefix)
        cached = _common_prefix(self._llm.input_ids[: self._llm.n_tokens].tolist(), tokens)
        return tokens, min(cached, len(tokens) - 1)  # the last prompt token is always evaluated for fresh logits

    def complete(
        self,
        prompt: str,
        *,
        grammar: str | None = None,
        max_tokens: int = 256,
        stop: list[str] | None = None,
        prefix_cache_key: str | None = None,
    ) -> Completion:
        if self._llm is None:
            raise ModelError(f"model {self.name} is closed", fix="load the model again")
        started = time.perf_counter()
        compiled = self.compile_grammar(grammar) if grammar else None
        tokens, cached = self._ready(prompt, prefix_cache_key)
        budget = max(0, min(max_tokens, self.n_ctx - len(tokens)))
        text, generated, finish, first_token_at = self._generate(tokens, compiled, budget, stop or [])
        ended = time.perf_counter()
        first_token_at = first_token_at or ended
        return Completion(
            text=text,
            prompt_tokens=len(tokens),
            generated_tokens=generated,
            prefill_seconds=first_token_at - started,
            decode_seconds=ended - first_token_at,
            cached_prefix_tokens=max(0, cached),
            finish_reason=finish,
        )

    def choose(self, prompt: str, options: list[str], *, allow_end: bool = False,
               prefix_cache_key: str | None = None) -> Completion:
        """Greedy decoding restricted to whole ``options`` (and, with ``allow_end``, ending the answer),
        each option spelled in its own tokens (a grammar would also admit other spellings of the same
        text). A token that every option still open agrees on is taken without a decode step, so a line
        costs one step per branching point. The text is the chosen option, or "" when the model ended."""
        if self._llm is None:
            raise ModelError(f"model {self.name} is closed", fix="load the model again")
        if not options and not allow_end:
            raise ModelError("choose() got no options", fix="pass at least one option, or allow_end=True")
        started = time.perf_counter()
        llm = self._llm
        tokens, cached = self._ready(prompt, prefix_cache_key)
        llm.n_tokens = cached
        llm.eval(tokens[cached:])
        prefilled = time.perf_counter()
        vocab = llm._model.vocab
        enders = [t for t in {llama_c.llama_vocab_eos(vocab), llama_c.llama_vocab_eot(vocab),
                               *self.tokenize("\n", bos=False)[:1]} if t >= 0]
        open_ = [(text, self.tokenize(text, bos=False)) for text in dict.fromkeys(options)]
        taken: list[int] = []
        chosen: str | None = None
        while chosen is None:
            depth = len(taken)
            done = [text for text, seq in open_ if len(seq) == depth]
            nexts = {seq[depth] for _, seq in open_ if len(seq) > depth}
            may_end = bool(done) or (depth == 0 and allow_end)
            if not may_end and len(nexts) == 1:
                taken.append(next(iter(nexts)))  # forced: evaluated with the next branching point
                continue
            if not nexts:
                chosen = done[0] if done else ""
                break
            pending = taken[llm.n_tokens - len(tokens):]
            if pending:
                llm.eval(pending)
            logits = llm._ctx.get_logits()
            allowed = list(nexts) + (enders if may_end else [])
            pick = max(allowed, key=lambda t: logits[t])
            if pick in nexts:
                taken.append(pick)
                open_ = [(text, seq) for text, seq in open_ if len(seq) > depth and seq[depth] == pick]
            else:
                chosen = done[0] if done else ""
        ended = time.perf_counter()
        return Completion(text=chosen, prompt_tokens=len(tokens), generated_tokens=len(taken),
                          prefill_seconds=prefilled - started, decode_seconds=ended - prefilled,
                          cached_prefix_tokens=max(0, cached), finish_reason="stop")

    def _generate(self, tokens: list[int], grammar: Grammar | None, budget: int, stop: list[str]):
        llm = self._llm
        vocab = llm._model.vocab
        out: list[int] = []
        finish = "length"
        first_token_at = None
        if budget == 0:
            return "", 0, finish, first_token_at
        generator = llm.generate(
            tokens, temp=0.0, repeat_penalty=1.0, grammar=grammar._compiled if grammar else None
        )
        for token in generator:
            if first_token_at is None:
                first_token_at = time.perf_counter()
            if llama_c.llama_vocab_is_eog(vocab, token):
                finish = "stop"
                break
            out.append(token)
            text = llm.detokenize(out, prev_tokens=tokens).decode("utf-8", errors="ignore")
            cut = _stop_index(text, stop)
            if cut is not None:
                generator.close()
                return text[:cut], len(out), "stop", first_token_at
            if len(out) >= budget:
                break
        generator.close()
        text = llm.detokenize(out, prev_tokens=tokens).decode("utf-8", errors="replace")
        return text, len(out), finish, first_token_at

    def close(self) -> None:
        if self._llm is not None:
            self._llm.close()
            self._llm = None

    def __enter__(self) -> "LlamaModel":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _defuse(text: str) -> str:
    """Prompts are tokenised with special tokens parsed (the chat markup needs it), so text from a
    screen or a doc must not be able to spell a chat marker like ``<|im_end|>``."""
    return text.replace("<|", "<\u200b|")


def _common_prefix(a: list[int], b: list[int]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _stop_index(text: str, stop: list[str]) -> int | None:
    found = [text.find(s) for s in stop if s and s in text]
    return min(found) if found else None
