"""Run the build fuzzer (tests/test_fuzz.py) as a long campaign and print its figures.

Each chunk is one hypothesis run of `--examples` generated seed folders with a seed of its own
(`--seed`, `--seed + 1`, ...), in this one process, so the vocabulary is compiled once. A chunk
that finds a failure prints hypothesis's shrunk example and the campaign goes on with the next
seed. The figures: folders built, files generated (the control file included), files built and
files reported as problems, failures and time. Exit 1 if any chunk failed.

    nice python scripts/fuzz_campaign.py [--examples 300] [--seed 1] [--chunks 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--examples", type=int, default=300, help="examples per chunk")
    parser.add_argument("--seed", type=int, default=1, help="the first chunk's seed")
    parser.add_argument("--chunks", type=int, default=1, help="chunks, one seed each")
    options = parser.parse_args(argv)
    # Read when tests/test_fuzz.py is imported, so set first.
    os.environ["HORMGRAPH_FUZZ_EXAMPLES"] = str(options.examples)
    sys.path.insert(0, str(ROOT))
    from hypothesis import seed
    from tests import test_fuzz

    from hormgraph.pipeline import Extractor
    from hormgraph.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    extractor = Extractor.from_vocabulary(vocabulary)
    test = test_fuzz.test_any_generated_seeds_build_into_valid_outputs
    tally, failures, began = test_fuzz.TALLY, 0, time.monotonic()
    for chunk in range(options.chunks):
        number = options.seed + chunk
        seed(number)(test)  # sets the seed of this (already decorated) test
        files, started = tally.files, time.monotonic()
        try:
            test(vocabulary=vocabulary, fuzz_extractor=extractor)
        except Exception as error:  # a failure is a figure: report it, go on
            failures += 1
            print(f"seed {number}: FAILED", flush=True)
            print("".join(traceback.format_exception(error)), flush=True)
        print(f"seed {number}: {tally.files - files} files in "
              f"{time.monotonic() - started:.0f} s", flush=True)
    print(f"folders {tally.folders}, files {tally.files} (built {tally.built}, reported "
          f"{tally.reported}), failures {failures}, time {time.monotonic() - began:.0f} s "
          f"({options.chunks} chunks of {options.examples} examples, seeds {options.seed}.."
          f"{options.seed + options.chunks - 1})", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
