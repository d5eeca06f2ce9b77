"""Assembly of a model from chunk packages: real (small) installed distributions are created in a
temporary site dir and found through package metadata, exactly as the real chunk packages are."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autodroid.errors import ModelError
from autodroid.planner import registry as reg

PARTS = 12  # more than 9, so part10 sorting before part2 would show


def install_fake_chunks(site: Path, parts: list[bytes], *, package="fakechunk-part{n}", version="1.0") -> list[Path]:
    """Write one installed distribution per chunk (dist-info with METADATA + RECORD, and the data file)."""
    files = []
    for n, data in enumerate(parts, start=1):
        name = package.format(n=n)
        module = name.replace("-", "_")
        info = site / f"{module}-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
        data_rel = f"{module}/data/part{n:02d}.bin"
        (info / "RECORD").write_text(
            f"{module}/__init__.py,,\n{data_rel},,\n{info.name}/METADATA,,\n{info.name}/RECORD,,\n", encoding="utf-8"
        )
        target = site / data_rel
        target.parent.mkdir(parents=True)
        (site / module / "__init__.py").write_text("", encoding="utf-8")
        target.write_bytes(data)
        files.append(target)
    return files


@pytest.fixture()
def env(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("AUTODROID_CACHE", str(tmp_path / "cache"))
    parts = [bytes([n]) * (1000 + n) for n in range(1, PARTS + 1)]
    files = install_fake_chunks(site, parts)
    whole = b"".join(parts)
    spec = reg.ModelSpec(
        name="fake",
        source=reg.ChunkSource("fakechunk-part{n}", "1.0", PARTS, extra="model-fake"),
        sha256=hashlib.sha256(whole).hexdigest(),
        size=len(whole),
        origin="test",
    )
    return spec, whole, files, site


def partials(directory: Path) -> list[Path]:
    return list(directory.glob(".*.partial")) if directory.exists() else []


def test_assembles_in_part_order_and_verifies(env):
    spec, whole, files, _ = env
    path = reg.model_file(spec)
    assert path == spec.assembled_path
    assert path.read_bytes() == whole
    assert (path.parent / "fake.stamp.json").is_file()
    assert not partials(path.parent)
    assert reg.is_installed(spec)


def test_reuses_a_stamped_file_without_reading_chunks(env):
    spec, whole, files, _ = env
    reg.model_file(spec)
    for chunk in files:
        chunk.unlink()  # a re-read or re-hash would now fail
    assert reg.model_file(spec).read_bytes() == whole


def test_wrong_size_is_reassembled_automatically(env):
    spec, whole, _, _ = env
    path = reg.model_file(spec)
    with open(path, "r+b") as handle:
        handle.truncate(100)
    assert reg.model_file(spec).read_bytes() == whole


def test_a_rewritten_file_is_reassembled(env):
    spec, whole, _, _ = env
    path = reg.model_file(spec)
    path.write_bytes(b"\0" * spec.size)  # same size, new mtime: the stamp no longer matches
    assert reg.model_file(spec).read_bytes() == whole


def test_check_rehashes_and_repairs_same_size_corruption(env):
    spec, whole, _, _ = env
    path = reg.model_file(spec)
    before = path.stat()
    data = bytearray(path.read_bytes())
    data[500] ^= 0xFF
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # bit rot: size and mtime unchanged
    assert reg.model_file(spec).read_bytes() != whole  # the cheap check trusts the stamp...
    result = reg.verify_model(spec)  # ...the full check does not
    assert result.repaired and "reassembled" in result.message
    assert path.read_bytes() == whole
    again = reg.verify_model(spec)
    assert not again.repaired and again.message == "checksum ok"


def test_chunks_that_do_not_match_the_checksum_leave_nothing(env):
    spec, _, _, _ = env
    bad = reg.ModelSpec(name="fake", source=spec.source, sha256="f" * 64, size=spec.size, origin="test")
    with pytest.raises(ModelError, match="assembled model fake is corrupt") as caught:
        reg.model_file(bad)
    assert "pip install --force-reinstall fakechunk-part1==1.0" in caught.value.fix
    assert not bad.assembled_path.exists()
    assert not partials(bad.assembled_path.parent)


def test_a_chunk_vanishing_midway_leaves_no_partial_target(env):
    spec, _, files, _ = env
    files[5].unlink()
    with pytest.raises(ModelError, match="could not assemble model fake"):
        reg.model_file(spec)
    assert not spec.assembled_path.exists()
    assert not partials(spec.assembled_path.parent)


FAILING_WRITE = r"""
import resource, signal, sys
sys.path.insert(0, sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
from autodroid.planner import registry as reg
from autodroid.errors import ModelError
spec = reg.ModelSpec(name="fake", source=reg.ChunkSource("fakechunk-part{n}", "1.0", int(sys.argv[2])),
                     sha256=sys.argv[3], size=int(sys.argv[4]), origin="test")
resource.setrlimit(resource.RLIMIT_FSIZE, (5000, 5000))  # files may not grow past 5 kB from here on
try:
    reg.model_file(spec)
except ModelError as error:
    print("ModelError:", error.message)
"""


def test_a_failing_write_leaves_no_partial_target(env, tmp_path):
    spec, _, _, site = env
    assert spec.size > 5000
    run = subprocess.run(
        [sys.executable, "-c", FAILING_WRITE, str(site), str(PARTS), spec.sha256, str(spec.size)],
        capture_output=True, text=True, timeout=60, env={**os.environ, "AUTODROID_CACHE": str(tmp_path / "cache")},
    )
    assert "ModelError: could not assemble model fake" in run.stdout, run.stdout + run.stderr
    assert "File too large" in run.stdout
    assert not spec.assembled_path.exists()
    assert not partials(spec.assembled_path.parent)


def test_missing_packages_name_the_pip_command(env, tmp_path, monkeypatch):
    spec, _, _, _ = env
    absent = reg.ModelSpec(name="absent", source=reg.ChunkSource("nosuchchunk-part{n}", "2.0", 3), sha256="0" * 64,
                           size=3, origin="test")
    assert not reg.is_installed(absent)
    with pytest.raises(ModelError, match=r"missing nosuchchunk-part1\.\.3==2\.0") as caught:
        reg.model_file(absent)
    assert caught.value.fix == "pip install nosuchchunk-part1==2.0 nosuchchunk-part2==2.0 nosuchchunk-part3==2.0"
    wrong = reg.ModelSpec(name="fake", source=reg.ChunkSource("fakechunk-part{n}", "9.9", PARTS, extra="model-fake"),
                          sha256=spec.sha256, size=spec.size, origin="test")
    with pytest.raises(ModelError, match=r"wrong version fakechunk-part1==1\.0.*need 9\.9") as caught:
        reg.model_file(wrong)
    assert caught.value.fix.startswith("pip install 'autodroid-agent[model-fake]'")


def test_a_package_without_exactly_one_data_file_is_an_error(env):
    spec, _, files, _ = env
    extra = files[0].parent / "part01b.bin"
    extra.write_bytes(b"x")
    record = next(files[0].parents[2].glob("fakechunk_part1-1.0.dist-info")) / "RECORD"
    record.write_text(record.read_text() + "fakechunk_part1/data/part01b.bin,,\n")
    with pytest.raises(ModelError, match="fakechunk-part1 holds 2 data files"):
        reg.model_file(spec)


def test_stale_partials_from_a_killed_run_are_cleaned(env):
    spec, whole, _, _ = env
    folder = spec.assembled_path.parent
    folder.mkdir(parents=True)
    stale = folder / ".fake.gguf.abc123.partial"
    stale.write_bytes(b"half")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    fresh = folder / ".fake.gguf.def456.partial"  # another process may be writing this one
    fresh.write_bytes(b"busy")
    assert reg.model_file(spec).read_bytes() == whole
    assert not stale.exists() and fresh.exists()


CONCURRENT = r"""
import sys
sys.path.insert(0, sys.argv[1])
from autodroid.planner import registry as reg
spec = reg.ModelSpec(name="fake", source=reg.ChunkSource("fakechunk-part{n}", "1.0", int(sys.argv[2])),
                     sha256=sys.argv[3], size=int(sys.argv[4]), origin="test")
for _ in range(5):
    path = reg.model_file(spec)
    assert reg.sha256_file(path) == spec.sha256
print("ok")
"""


def test_concurrent_processes_get_a_complete_file(env, tmp_path):
    spec, whole, _, site = env
    args = [sys.executable, "-c", CONCURRENT, str(site), str(PARTS), spec.sha256, str(spec.size)]
    environ = {**os.environ, "AUTODROID_CACHE": str(tmp_path / "cache")}
    workers = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environ)
               for _ in range(3)]
    outputs = [worker.communicate(timeout=60) for worker in workers]
    assert all(out.strip() == "ok" for out, _ in outputs), outputs
    assert spec.assembled_path.read_bytes() == whole
    assert not partials(spec.assembled_path.parent)
