"""The privilege policy: every device action is classified allow / confirm / deny by the runtime.

A policy file (YAML, or TOML where ``tomllib`` exists) holds ordered rules; the first rule that matches
an action decides it. No match: the doc's risk class decides (``sensitive`` -> confirm, ``normal`` ->
allow, changeable under ``default``). The model never decides: scripts cannot name or change a policy.

```yaml
default: {normal: allow, sensitive: confirm}
rules:
  - decision: deny            # allow | confirm | deny (required)
    app: "notes"              # glob on the doc's app name or package
    screen: "*"               # glob on the doc screen the action happens on
    element: "*delete*"       # glob on the API name ("" for back())
    action: [tap, long_tap]   # one or a list of: tap long_tap set_text scroll select back
    label: [delete, remove]   # keywords: any one found as a word in the element's label, option or text
    risk: sensitive           # normal | sensitive
    reason: "deleting is never automated"
```
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from autodroid.errors import BadInputError
from autodroid.selectors import norm

DECISIONS = ("allow", "confirm", "deny")
ACTIONS = ("tap", "long_tap", "set_text", "scroll", "select", "back")
RULE_KEYS = ("decision", "app", "screen", "element", "action", "label", "risk", "reason")
DEFAULT_BY_RISK = {"normal": "allow", "sensitive": "confirm"}


@dataclass(frozen=True)
class ActionContext:
    """What the policy sees of one device action."""

    app: str
    package: str
    screen: str  # doc screen name ("" when undocumented)
    element: str  # API name ("" for back)
    action: str
    label: str = ""  # the element's label, the live node's text, the option or typed text
    risk: str = "normal"


@dataclass(frozen=True)
class Decision:
    verdict: str  # allow | confirm | deny
    source: str  # "rule 2 (policy.yaml)" or "default for sensitive"
    reason: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"verdict": self.verdict, "source": self.source, "reason": self.reason}


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

    def matches(self, ctx: ActionContext) -> bool:
        if not (_glob(ctx.app, self.app) or (ctx.package and _glob(ctx.package, self.app))):
            return False
        if not _glob(ctx.screen, self.screen) or not _glob(ctx.element, self.element):
            return False
        if self.action and ctx.action not in self.action:
            return False
        if self.risk is not None and ctx.risk != self.risk:
            return False
        if self.label:
            text = norm(ctx.label)
            if not any(re.search(rf"(?<!\w){re.escape(norm(word))}(?!\w)", text) for word in self.label):
                return False
        return True


@dataclass(frozen=True)
class Policy:
    rules: tuple[Rule, ...] = ()
    default: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_BY_RISK))
    origin: str = "built-in"

    def decide(self, ctx: ActionContext) -> Decision:
        for number, rule in enumerate(self.rules, start=1):
            if rule.matches(ctx):
                return Decision(rule.decision, f"rule {number} ({self.origin})", rule.reason)
        verdict = self.default.get(ctx.risk, "confirm")
        return Decision(verdict, f"default for {ctx.risk} actions")


def _glob(value: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(value.casefold(), pattern.casefold())


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise BadInputError(f"{where}: {key} must be a string or a list of strings", fix=f"write {key}: [a, b]")


def parse_policy(data: Any, origin: str = "policy") -> Policy:
    if data is None:
        return Policy(origin=origin)
    if not isinstance(data, dict):
        raise BadInputError(f"{origin}: a policy is a mapping with `rules` (and optional `default`)",
                            fix="see autodroid/runtime/policy.py for the format")
    unknown = set(data) - {"rules", "default"}
    if unknown:
        raise BadInputError(f"{origin}: unknown top-level key(s) {', '.join(sorted(unknown))}",
                            fix="use only `rules` and `default`")
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
    raw_rules = data.get("rules") or []
    if not isinstance(raw_rules, list):
        raise BadInputError(f"{origin}: `rules` must be a list", fix="write each rule as `- decision: ...`")
    rules = []
    for number, raw in enumerate(raw_rules, start=1):
        where = f"{origin}, rule {number}"
        if not isinstance(raw, dict):
            raise BadInputError(f"{where}: a rule is a mapping", fix="write `- decision: deny` and conditions")
        bad = set(raw) - set(RULE_KEYS)
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
        rules.append(Rule(raw["decision"], raw.get("app", "*"), raw.get("screen", "*"), raw.get("element", "*"),
                          actions, _strings(raw.get("label"), where, "label"), risk, raw.get("reason", "")))
    return Policy(tuple(rules), default, origin)


def load_policy(path: str | Path) -> Policy:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInputError(f"no policy file at {path}", fix="pass an existing YAML or TOML policy file") from None
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
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f", line {mark.line + 1}" if mark else ""
            raise BadInputError(f"{path}{where}: not valid YAML", fix="correct the YAML syntax") from None
    return parse_policy(data, path.name)
