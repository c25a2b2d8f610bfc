"""Runs browser test modules with unittest: `/usr/bin/python3 tests/browser/run.py test_console [...]`.

Exits 77 (CTest's SKIP_RETURN_CODE here) with "skipped: ... missing" only when the Debian packages the tests need
are absent; scripts/setup installs them. Everything else that goes wrong is a failure.
"""
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import desk_fixture  # noqa: E402

SKIPPED = 77


def main(modules):
    missing = desk_fixture.missing_packages()
    if missing:
        print(f"skipped: {', '.join(missing)} missing (scripts/setup installs them)")
        return SKIPPED
    suite = unittest.defaultTestLoader.loadTestsFromNames(modules)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    print(f"{result.testsRun - len(result.failures) - len(result.errors) - len(result.skipped)} passed, "
          f"{len(result.failures) + len(result.errors)} failed, {len(result.skipped)} skipped")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
