#!/usr/bin/env python3
"""Runs the training side's tests (training/test_*.py) with unittest, and checks their skips as
scripts/run-tests.mjs checks the TypeScript ones: in CI (CI=true) or with --strict-skips, a skipped test that is
not in test/skip-allow-list.json, or a listed training test that no longer skips, fails the run.

    python3 scripts/run-python-tests.py [--strict-skips] [PATTERN]   # PATTERN defaults to test_*.py
"""

from __future__ import annotations

import json
import os
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRAINING = os.path.join(ROOT, "training")
ALLOW_LIST = os.path.join(ROOT, "test", "skip-allow-list.json")


def identity(test: unittest.TestCase) -> tuple[str, str]:
    """(file from the repository root, 'Class > method') of a test."""
    module, cls, method = test.id().rsplit(".", 2)
    return f"training/{module.replace('.', '/')}.py", f"{cls} > {method}"


def main(argv: list[str]) -> int:
    strict = "--strict-skips" in argv or os.environ.get("CI") in ("true", "1")
    patterns = [arg for arg in argv if arg != "--strict-skips"]
    pattern = patterns[0] if patterns else "test_*.py"
    suite = unittest.defaultTestLoader.discover(TRAINING, pattern=pattern, top_level_dir=TRAINING)
    # Before the run: a suite drops its tests as they finish.
    files_run = {identity(test)[0] for test in iter_tests(suite)}
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)

    allow = []
    if os.path.exists(ALLOW_LIST):
        with open(ALLOW_LIST, encoding="utf-8") as handle:
            allow = json.load(handle).get("skips", [])
    allowed = {(entry["file"], entry["test"]) for entry in allow}
    skipped = [(identity(test), reason) for test, reason in result.skipped]
    skipped += [(identity(test), "expected failure") for test, _ in result.expectedFailures]
    seen = {key for key, _ in skipped}
    unlisted = [(key, reason) for key, reason in skipped if key not in allowed]
    stale = [
        entry
        for entry in allow
        if entry["file"] in files_run and (entry["file"], entry["test"]) not in seen
    ]

    failed_check = False
    if skipped:
        print(f"skipped ({len(skipped)} tests):")
        for (file, name), reason in skipped:
            listed = " [allow-listed]" if (file, name) in allowed else ""
            print(f"  skip test: {file} › {name} — {reason}{listed}")
    if unlisted:
        prefix = "error" if strict else "note"
        print(f"{prefix}: {len(unlisted)} skipped test(s) are not in test/skip-allow-list.json")
        failed_check = failed_check or strict
    if stale:
        prefix = "error" if strict else "note"
        print(f"{prefix}: {len(stale)} entry(ies) of test/skip-allow-list.json no longer skip; remove them:")
        for entry in stale:
            print(f"  {entry['file']} › {entry['test']}")
        failed_check = failed_check or strict
    if result.testsRun == 0:
        print("error: no training test ran")
        failed_check = True
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(skipped)
    print(f"training: {passed} passed, {failed} failed, {len(skipped)} skipped")
    return 0 if result.wasSuccessful() and not failed_check else 1


def iter_tests(suite: unittest.TestSuite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from iter_tests(item)
        else:
            yield item


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
