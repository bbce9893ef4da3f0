"""Build mbs/ui/stats/data/turkey_provinces.json from the MIT-licensed npm package
`turkey-map-react` (the outlines of Turkey's 81 provinces as SVG paths).

    .venv/bin/python scripts/build_turkey_map.py          # `npm pack`s the pinned version
    .venv/bin/python scripts/build_turkey_map.py PATH     # a .tgz or an unpacked package

The app never depends on the package: this script keeps only the plate code, name and
outline of each province, rounds coordinates to 0.1 (the map is ~1000 units wide, so
nothing visible is lost and the file shrinks by half) and writes one sorted JSON file
with the package's licence next to it; re-running it gives identical files.
"""

import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

PACKAGE = "turkey-map-react"
VERSION = "2.0.5"
OUT = Path(__file__).resolve().parents[1] / "mbs" / "ui" / "stats" / "data"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
# The outlines use only absolute commands (M, C, L, z); relative ones would make the
# bounding box below wrong, so the script refuses them.
COMMANDS = re.compile(r"[A-Za-z]")
ABSOLUTE = {"M", "C", "L", "z", "Z"}

Reader = Callable[[str], bytes]


def main(argv: list[str]) -> None:
    if len(argv) > 1:
        write_all(_reader(Path(argv[1])))
        return
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent", "--pack-destination", folder],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        write_all(_reader(next(Path(folder).glob("*.tgz"))))


def _reader(source: Path) -> Reader:
    """A function that returns one file of the package, by its path inside `package/`."""
    if source.is_dir():
        return lambda name: (source / name).read_bytes()
    with tarfile.open(source) as archive:
        files = {
            member.name.removeprefix("package/"): extracted.read()
            for member in archive.getmembers()
            if member.isfile() and (extracted := archive.extractfile(member)) is not None
        }

    def read(name: str) -> bytes:
        if name not in files:
            raise SystemExit(f"{name} is missing from {source}")
        return files[name]

    return read


def _round(match: re.Match[str]) -> str:
    value = round(float(match.group(0)), 1)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def compact(path: str) -> str:
    """The same outline with coordinates rounded to 0.1 and no spaces around commands."""
    used = set(COMMANDS.findall(path))
    if not used <= ABSOLUTE:
        raise SystemExit(f"unexpected path commands: {sorted(used - ABSOLUTE)}")
    rounded = NUMBER.sub(_round, path)
    return re.sub(r"\s*([A-Za-z])\s*", r"\1", rounded).strip()


def _bounds(paths: list[str]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for path in paths:
        numbers = [float(n) for n in NUMBER.findall(path)]
        xs.extend(numbers[0::2])
        ys.extend(numbers[1::2])
    return min(xs), min(ys), max(xs), max(ys)


def write_all(read: Reader) -> None:
    package = json.loads(read("package.json"))
    if (package["name"], package["version"]) != (PACKAGE, VERSION):
        raise SystemExit(
            f"expected {PACKAGE} {VERSION}, got {package['name']} {package['version']}"
        )
    source = read("lib/data/index.js").decode("utf-8")
    cities = json.loads(source[source.index("[") : source.rindex("]") + 1])
    provinces = sorted(
        (
            {"code": f"{city['plateNumber']:02d}", "name": city["name"], "d": compact(city["path"])}
            for city in cities
        ),
        key=lambda province: province["code"],
    )
    codes = [province["code"] for province in provinces]
    if codes != [f"{plate:02d}" for plate in range(1, 82)]:
        raise SystemExit("expected the 81 plate codes 01..81 exactly once each")
    left, top, right, bottom = _bounds([province["d"] for province in provinces])
    margin = 2
    view_box = (
        f"{left - margin:.0f} {top - margin:.0f} "
        f"{right - left + 2 * margin:.0f} {bottom - top + 2 * margin:.0f}"
    )
    OUT.mkdir(parents=True, exist_ok=True)
    document = {
        "source": f"{PACKAGE} {VERSION} (MIT), https://github.com/erdigokce/turkey-map-react",
        "view_box": view_box,
        "provinces": provinces,
    }
    (OUT / "turkey_provinces.json").write_text(
        json.dumps(document, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    (OUT / "LICENSE-turkey-map-react.txt").write_bytes(read("LICENSE"))
    print(f"{len(provinces)} provinces, viewBox {view_box} → {OUT}")


if __name__ == "__main__":
    main(sys.argv)
