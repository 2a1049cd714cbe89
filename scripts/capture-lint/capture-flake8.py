#!/usr/bin/env python3
"""Captures real flake8 output for the swe `lint-failure` rendering (src/domains/swe/perturbations/lint-failure.ts).

Writes scripts/capture-lint/flake8.json: for each case, the repository's files, the flake8 arguments as the
agent typed them, and the real stdout and exit status. The conformance test in
src/domains/swe/perturbations.test.ts renders the same files and arguments and must match stdout byte for byte.

Usage: python3 scripts/capture-lint/capture-flake8.py [FLAKE8]   (default: `python3 -m flake8`; flake8 7.x)
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FLAKE8 = shlex.split(sys.argv[1]) if len(sys.argv) > 1 else [sys.executable, "-m", "flake8"]

# Files with only the findings the rendering derives from a file: F401 (an unused plain import), E302/E305
# (blank lines around top-level definitions), E501, W291/W293, W391/W292; and C901 with --max-complexity (the
# rendering's filler when a file has fewer findings than asked for).
FILES = {
    "calc.py": (
        "import os\n"
        "def add(a, b):\n"
        "    return a + b \n"
        "\n"
        "def a_function_with_a_rather_long_name(first_argument, second_argument, third_arg):\n"
        "    \n"
        "    return first_argument\n"
        "result = add(1, 2)\n"
    ),
    "src/util.py": (
        "import sys\n"
        "\n"
        "\n"
        "def main():\n"
        "    print(sys.argv)\n"
        "\n"
        "\n"
        "class Config:\n"
        "    pass\n"
        "\n"
    ),
    "clean.py": "def sign(x):\n    if x < 0:\n        return -1\n    return 1\n",
    "tail.py": "def half(x):\n    return x / 2",
}

CASES = [
    ["calc.py"],
    ["./calc.py"],
    ["."],
    [],
    ["src"],
    ["src/"],
    ["tail.py"],
    ["--max-complexity", "1", "clean.py"],
    ["--max-line-length=120", "calc.py"],
]


def main() -> None:
    version = subprocess.run(FLAKE8 + ["--version"], capture_output=True, text=True, check=True).stdout.strip()
    cases = []
    with tempfile.TemporaryDirectory() as root:
        for path, content in FILES.items():
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as handle:
                handle.write(content)
        for args in CASES:
            run = subprocess.run(FLAKE8 + args, cwd=root, capture_output=True, text=True)
            cases.append({"args": args, "stdout": run.stdout, "exitCode": run.returncode})
    out = {
        "tool": "flake8",
        "version": version,
        "capturedWith": "scripts/capture-lint/capture-flake8.py",
        "files": FILES,
        "cases": cases,
    }
    with open(os.path.join(HERE, "flake8.json"), "w", encoding="utf-8") as handle:
        json.dump(out, handle, indent=2, ensure_ascii=False)
        handle.write("\n")


if __name__ == "__main__":
    main()
