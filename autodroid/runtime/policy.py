"""The privilege policy: every device action is classified allow / confirm / deny by the runtime.

The policy decides on what the user sees, not on what the doc or the script calls things: the tapped
node's text and content description and those of its descendants, the list row's label or the chosen
option, the dialog the action opens (the doc's ``leads_to``) and the dialog it happens in. Those texts
are matched against word classes (stems and synonyms, any locale the policy lists): an action that shows
a ``destructive`` word (delete, remove, trash, archive, discard, clear, sign out, block, ...) or an ``outward``
one (send, call, pay, share, ...) is ``sensitive`` whatever the doc says; so is an action whose effect is
unknown (no ``safe`` word such as Cancel) inside a destructive dialog, or one that opens a destructive
dialog. The doc's risk class can only raise this, never lower it.

A policy file (YAML, or TOML where ``tomllib`` exists) holds ordered rules; the first rule that matches
an action decides it. No match: the risk class decides (``sensitive`` -> confirm, ``normal`` -> allow,
changeable under ``default``). The model never decides: scripts cannot name or change a policy.

```yaml
default: {normal: allow, sensitive: confirm}
words:                        # added to the built-in classes; "stem*" matches any ending
  destructive: {de: [lösch*, entfern*], fr: [supprim*]}   # a list, or lists per locale
rules:
  - decision: deny            # allow | confirm | deny (required)
    app: "notes"              # glob on the doc's app name or package
    screen: "*"               # glob on the doc screen the action happens on
    element: "*delete*"       # glob on the API name ("" for back())
    action: [tap, long_tap]   # one or a list of: tap long_tap set_text scroll select back
    label: [delete, remov*]   # words or stems: any one found in what the user sees of the action
    words: [destructive]      # word classes: any one found in what the user sees of the action
    risk: sensitive           # normal | sensitive (after the classification above)
    reason: "deleting is never automated"
```
"""

from __future__ import annotations

import fnmatch
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from autodroid.errors import BadInputError
from autodroid.safeyaml import safe_yaml_load

DECISIONS = ("allow", "confirm", "deny")
ACTIONS = ("tap", "long_tap", "set_text", "scroll", "select", "back")
RULE_KEYS = ("decision", "app", "screen", "element", "action", "label", "words", "risk", "reason")
TOP_KEYS = ("rules", "default", "words")
DEFAULT_BY_RISK = {"normal": "allow", "sensitive": "confirm"}
CHOOSING = ("tap", "long_tap", "select")  # actions whose effect is what the tapped thing says
MAX_POLICY_BYTES = 1_000_000
MAX_SEEN_CHARS = 2_000  # of what the user sees, per action, for word matching

# The built-in word classes (English). A policy file adds to them (other locales, app jargon); it cannot
# remove any. "stem*" matches the stem with any ending; several words are a phrase.
BUILTIN_WORDS: dict[str, tuple[str, ...]] = {
    "destructive": (
        "delet*", "remov*", "trash*", "bin", "bins", "move to bin", "recycle bin", "archiv*", "purg*", "discard*",
        "clear", "clears", "cleared", "clearing", "eras*", "wipe", "wipes", "wiped", "wiping", "reset*",
        "format sd", "format card", "format storage", "format device", "format phone", "format disk",
        "formatting", "revok*", "sign out", "signs out", "signing out", "sign off", "log out", "logs out",
        "logging out", "logout", "log off", "uninstall*", "destroy*", "empty trash", "factory reset",
        "unsubscrib*", "deactivat*", "close account", "overwrit*", "forget", "block", "blocks", "blocking",
    ),
    "outward": (
        "send", "sends", "sending", "call", "calls", "calling", "dial", "pay", "pays", "paying", "payment*",
        "buy", "buys", "buying", "purchas*", "checkout", "check out", "place order", "order now", "subscribe",
        "install", "installs", "installing", "grant*", "allow", "share", "shares", "sharing", "post", "publish*",
        "transfer*", "donat*", "upload*",
    ),
    # what a navigation hop must never tap: it commits or confirms something
    "commit": (
        "save", "saves", "saving", "ok", "okay", "done", "apply", "confirm*", "submit*", "yes", "accept*",
        "agree*", "set", "finish*", "update",
    ),
    # leaving a dialog without doing anything: known effect, never sensitive by context
    "safe": (
        "cancel", "no", "close", "back", "navigate up", "dismiss", "not now", "later", "keep editing", "keep",
        "never mind",
    ),
}
SENSITIVE_CLASSES = ("destructive", "outward")


def _normal_text(text: str) -> str:
    """Case-folded, NFKC-normalised words separated by single spaces (the form word lists match)."""
    text = unicodedata.normalize("NFKC", text[:MAX_SEEN_CHARS]).casefold()
    return " ".join(re.findall(r"\w+", text))


def _unspaced(char: str) -> bool:
    return ord(char) >= 0x2E80 and unicodedata.category(char) == "Lo"


class WordClass:
    """One class of words: phrases of exact words and ``stem*`` words, compiled to one regex."""

    def __init__(self, name: str, entries: Iterable[str]):
        self.name = name
        self.entries = tuple(dict.fromkeys(e for e in entries if _normal_text(e.rstrip("*"))))
        parts = []
        for entry in self.entries:
            words = _normal_text(entry.rstrip("*")).split(" ")
            stem = entry.strip().endswith("*")
            pattern = r"\ ".join(re.escape(w) for w in words) + (r"\w*" if stem else "")
            # scripts written without spaces (Chinese, Japanese) have no word boundaries to look for
            before = "" if _unspaced(words[0][0]) else r"(?<!\w)"
            after = "" if _unspaced(words[-1][-1]) else r"(?!\w)"
            parts.append(before + pattern + after)
        self.regex = re.compile("|".join(parts)) if parts else None

    def find(self, text: str) -> str | None:
        """The first phrase of this class in ``text`` (as it appears there), else None."""
        if self.regex is None or not text:
            return None
        found = self.regex.search(_normal_text(text))
        return found.group(0) if found else None


def _glob(value: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(value.casefold(), pattern.casefold())


@dataclass(frozen=True)
class ActionContext:
    """What the policy sees of one device action."""

    app: str
    package: str
    screen: str  # doc screen name ("" when undocumented)
    element: str  # API name ("" for back)
    action: str
    label: str = ""  # the element's name and label, the live node's text, the option or typed text
    risk: str = "normal"  # the doc's risk class
    seen: tuple[str, ...] = ()  # what the user sees of the target: node + descendants' text, row label, option
    opens: str = ""  # what the doc says of the screen this action leads to (its name, description, texts)
    context: str = ""  # the dialog the action happens in: its title and message on the live screen

    def target_text(self) -> str:
        return " | ".join(p for p in (self.label, *self.seen) if p)


@dataclass(frozen=True)
class Decision:
    verdict: str  # allow | confirm | deny
    source: str  # "rule 2 (policy.yaml)" or "default for sensitive actions"
    reason: str = ""
    risk: str = "normal"  # the risk class the policy settled on
    why: str = ""  # what made it that risk class: "shows 'delete' (destructive)"

    def as_dict(self) -> dict[str, str]:
        out = {"verdict": self.verdict, "source": self.source, "reason": self.reason, "risk": self.risk}
        if self.why:
            out["why"] = self.why
        return out


@dataclass(frozen=True)
class Rule:
    decision: str
    app: str = "*"
    screen: str = "*"
    element: str = "*"
    action: tuple[str, ...] = ()
    label: tuple[str, ...] = ()
    risk: str | None = None
    reason: str = ""
    words: tuple[str, ...] = ()  # word class names

    def matches(self, ctx: ActionContext, risk: str, classes: Mapping[str, WordClass]) -> bool:
        if not (_glob(ctx.app, self.app) or (ctx.package and _glob(ctx.package, self.app))):
            return False
        if not _glob(ctx.screen, self.screen) or not _glob(ctx.element, self.element):
            return False
        if self.action and ctx.action not in self.action:
            return False
        if self.risk is not None and risk != self.risk:
            return False
        text = ctx.target_text()
        if self.label and WordClass("label", self.label).find(text) is None:
            return False
        if self.words and not any(classes[name].find(text) for name in self.words if name in classes):
            return False
        return True


def _classes(extra: Mapping[str, Iterable[str]] | None = None) -> dict[str, WordClass]:
    merged: dict[str, list[str]] = {name: list(words) for name, words in BUILTIN_WORDS.items()}
    for name, words in (extra or {}).items():
        merged.setdefault(name, []).extend(words)
    return {name: WordClass(name, words) for name, words in merged.items()}


_BUILTIN_CLASSES = _classes()


@dataclass(frozen=True)
class Policy:
    rules: tuple[Rule, ...] = ()
    default: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_BY_RISK))
    origin: str = "built-in"
    words: Mapping[str, WordClass] = field(default_factory=lambda: _BUILTIN_CLASSES)
    classify: bool = True  # False only for `--policy none`: the doc's risk tags alone decide

    @classmethod
    def none(cls) -> "Policy":
        """No policy: only the doc's risk tags (``--policy none``, said loudly by the CLI)."""
        return cls(origin="none", classify=False)

    @classmethod
    def allow_all(cls, origin: str = "allow-all") -> "Policy":
        return cls(default={"normal": "allow", "sensitive": "allow"}, origin=origin)

    def find(self, class_name: str, text: str) -> str | None:
        words = self.words.get(class_name)
        return words.find(text) if words is not None else None

    def risk_of(self, ctx: ActionContext) -> tuple[str, str]:
        """The action's risk class and why: the doc's class, raised to sensitive by what the user sees."""
        if ctx.risk == "sensitive":
            why = "the doc marks it sensitive"
        else:
            why = ""
        if not self.classify or ctx.action not in CHOOSING:
            return ctx.risk, why
        text = ctx.target_text()
        for name in SENSITIVE_CLASSES:
            hit = self.find(name, text)
            if hit:
                return "sensitive", f"it shows {hit!r} ({name})"
        if ctx.risk == "sensitive":
            return "sensitive", why
        if self.find("safe", text):
            return ctx.risk, ""
        for name in SENSITIVE_CLASSES:
            hit = self.find(name, ctx.opens)
            if hit:
                return "sensitive", f"it opens a {name} dialog ({hit!r})"
            hit = self.find(name, ctx.context)
            if hit:
                return "sensitive", f"its effect is unknown and it is in a {name} dialog ({hit!r})"
        return ctx.risk, ""

    def decide(self, ctx: ActionContext) -> Decision:
        risk, why = self.risk_of(ctx)
        for number, rule in enumerate(self.rules, start=1):
            if rule.matches(ctx, risk, self.words):
                return Decision(rule.decision, f"rule {number} ({self.origin})", rule.reason, risk, why)
        verdict = self.default.get(risk, "confirm")
        return Decision(verdict, f"default for {risk} actions", why, risk, why)


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise BadInputError(f"{where}: {key} must be a string or a list of strings", fix=f"write {key}: [a, b]")


def _parse_words(raw: Any, origin: str) -> dict[str, list[str]]:
    """``words: {class: [w, ...]}`` or ``{class: {locale: [w, ...]}}``; every locale's words count."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise BadInputError(f"{origin}: `words` must map class names to word lists",
                            fix="write words: {destructive: {de: [lösch*]}}")
    out: dict[str, list[str]] = {}
    for name, value in raw.items():
        where = f"{origin}, words {name}"
        if not isinstance(name, str) or not re.fullmatch(r"[a-z_]+", name):
            raise BadInputError(f"{where}: a word class name is lower-case letters", fix="e.g. destructive")
        lists = value.values() if isinstance(value, dict) else [value]
        if isinstance(value, dict) and not all(isinstance(k, str) for k in value):
            raise BadInputError(f"{where}: locales are names like en, de", fix="write de: [lösch*]")
        words: list[str] = []
        for item in lists:
            words.extend(_strings(item, where, "words"))
        out[name] = words
    return out


def parse_policy(data: Any, origin: str = "policy") -> Policy:
    if data is None:
        return Policy(origin=origin)
    if not isinstance(data, dict):
        raise BadInputError(f"{origin}: a policy is a mapping with `rules` (and optional `default`, `words`)",
                            fix="see autodroid/runtime/policy.py for the format")
    unknown = {str(k) for k in data} - set(TOP_KEYS)
    if unknown:
        raise BadInputError(f"{origin}: unknown top-level key(s) {', '.join(sorted(unknown))}",
                            fix="use only `rules`, `default` and `words`")
    default = dict(DEFAULT_BY_RISK)
    raw_default = data.get("default") or {}
    if isinstance(raw_default, str):
        raw_default = {risk: raw_default for risk in DEFAULT_BY_RISK}
    if not isinstance(raw_default, dict):
        raise BadInputError(f"{origin}: `default` must map risk classes to decisions",
                            fix="write default: {normal: allow, sensitive: confirm}")
    for risk, verdict in raw_default.items():
        if risk not in DEFAULT_BY_RISK or verdict not in DECISIONS:
            raise BadInputError(f"{origin}: default {risk}: {verdict!r} is not valid",
                                fix=f"risks: normal, sensitive; decisions: {', '.join(DECISIONS)}")
        default[risk] = verdict
    classes = _classes(_parse_words(data.get("words"), origin)) if data.get("words") else _BUILTIN_CLASSES
    raw_rules = data.get("rules") or []
    if not isinstance(raw_rules, list):
        raise BadInputError(f"{origin}: `rules` must be a list", fix="write each rule as `- decision: ...`")
    rules = []
    for number, raw in enumerate(raw_rules, start=1):
        where = f"{origin}, rule {number}"
        if not isinstance(raw, dict):
            raise BadInputError(f"{where}: a rule is a mapping", fix="write `- decision: deny` and conditions")
        bad = {str(k) for k in raw} - set(RULE_KEYS)
        if bad:
            raise BadInputError(f"{where}: unknown key(s) {', '.join(sorted(bad))}", fix=f"use {', '.join(RULE_KEYS)}")
        if raw.get("decision") not in DECISIONS:
            raise BadInputError(f"{where}: decision {raw.get('decision')!r} is not valid",
                                fix=f"use one of {', '.join(DECISIONS)}")
        actions = _strings(raw.get("action"), where, "action")
        wrong = [a for a in actions if a not in ACTIONS]
        if wrong:
            raise BadInputError(f"{where}: unknown action(s) {', '.join(wrong)}", fix=f"use {', '.join(ACTIONS)}")
        risk = raw.get("risk")
        if risk is not None and risk not in DEFAULT_BY_RISK:
            raise BadInputError(f"{where}: risk {risk!r} is not valid", fix="use normal or sensitive")
        for key in ("app", "screen", "element", "reason"):
            if key in raw and not isinstance(raw[key], str):
                raise BadInputError(f"{where}: {key} must be a string", fix=f'quote it: {key}: "..."')
        word_classes = _strings(raw.get("words"), where, "words")
        missing = [w for w in word_classes if w not in classes]
        if missing:
            raise BadInputError(f"{where}: unknown word class(es) {', '.join(missing)}",
                                fix=f"use {', '.join(sorted(classes))} or define it under `words`")
        rules.append(Rule(raw["decision"], raw.get("app", "*"), raw.get("screen", "*"), raw.get("element", "*"),
                          actions, _strings(raw.get("label"), where, "label"), risk, raw.get("reason", ""),
                          word_classes))
    return Policy(tuple(rules), default, origin, classes)


def default_policy_path() -> Path:
    """The shipped default policy (``policies/default.yaml``): found by ``autodroid.paths`` when it knows
    it (package data in a wheel), else beside the package in a checkout."""
    try:
        from autodroid.paths import default_policy_path as located
    except ImportError:
        return Path(__file__).resolve().parents[2] / "policies" / "default.yaml"
    return located()


def load_default_policy() -> Policy:
    """The policy the CLI applies when no ``--policy`` is given."""
    path = default_policy_path()
    if not path.is_file():
        raise BadInputError(f"the default privilege policy is missing ({path})",
                            fix="reinstall autodroid, or pass --policy FILE (or --policy none to run without one)")
    return load_policy(path)


POLICY_NONE = "none"


def policy_for_option(value: str | Path | None) -> Policy:
    """The policy of a ``--policy`` option: the shipped default when absent, ``none`` for no policy (only the
    doc's risk tags decide; callers must say so loudly), else the file."""
    if value is None:
        return load_default_policy()
    if str(value).strip().casefold() == POLICY_NONE:
        return Policy.none()
    return load_policy(value)


NO_POLICY_WARNING = ("warning: --policy none: no privilege policy. Only the doc's risk tags decide what needs "
                     "confirmation; deleting, sending or paying through an untagged element is NOT asked about.")


def load_policy(path: str | Path) -> Policy:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_POLICY_BYTES:
            raise BadInputError(f"{path}: the policy file is {size:,} bytes, more than {MAX_POLICY_BYTES:,}",
                                fix="a policy is a short list of rules; pass the right file")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BadInputError(f"no policy file at {path}", fix="pass an existing YAML or TOML policy file") from None
    except IsADirectoryError:
        raise BadInputError(f"{path} is a folder, not a policy file", fix="pass a YAML or TOML file") from None
    except OSError as error:
        raise BadInputError(f"cannot read the policy file {path}: {error.strerror or error}",
                            fix="check the path and its permissions") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInputError(f"{path}: not UTF-8 text", fix="save the policy file as UTF-8 YAML or TOML") from None
    if path.suffix == ".toml":
        try:
            import tomllib
        except ImportError:  # Python 3.10
            raise BadInputError(f"{path}: TOML policies need Python >= 3.11", fix="write the policy in YAML") from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise BadInputError(f"{path}: not valid TOML ({error})", fix="correct the TOML syntax") from None
    else:
        data = safe_yaml_load(text, str(path))
    return parse_policy(data, path.name)
