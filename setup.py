"""Build step (everything else is in pyproject.toml): copy the shipped data that lives at the top of the
checkout into the wheel as autodroid/_data/<same relative path>, where autodroid.paths.shipped_file()
finds it.

Why a copy at build time: the user wants models/, policies/ and app_docs/ at the top of the repository,
and setuptools' package-data only takes files inside a package. An editable install copies nothing:
autodroid.paths reads the checkout's folders directly. MANIFEST.in carries the same files into an sdist.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SIM_APPS = ("calendar", "clock", "contacts", "dialer", "messages", "notes", "settings", "todo")  # == autodroid.device.sim.sim_apps() (tests/test_packaging.py checks)
SHIPPED_FILES = ["models/registry.yaml", "policies/default.yaml"] + [
    f"app_docs/{app}/{name}" for app in SIM_APPS for name in ("doc.yaml", "examples.yaml")
]


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for relative in SHIPPED_FILES:
            source = ROOT / relative
            if not source.is_file():
                raise SystemExit(f"setup.py: shipped file {relative} is missing from the source tree")
            target = Path(self.build_lib) / "autodroid" / "_data" / relative
            self.mkpath(str(target.parent))
            self.copy_file(str(source), str(target))


setup(cmdclass={"build_py": BuildPyWithData})
