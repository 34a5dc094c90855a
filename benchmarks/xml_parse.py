"""CNIPA XML parsing speed: a wrapper of N copies of the real CN-BIBS-ABSS document (docs/s)."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from ipops.ingest.readers.detect import read_xml

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "cnipa-xml-samples" / "CN107087341A_CN-BIBS-ABSS.XML"


def measure(n: int) -> dict[str, float]:
    text = FIXTURE.read_text(encoding="utf-8-sig")
    body = text[text.index("<business:PatentDocumentAndRelated") :]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "many.xml"
        path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<Docs>\n' + "\n".join([body] * n) + "\n</Docs>\n", "utf-8")
        start = time.perf_counter()
        count = sum(1 for _ in read_xml(path))
        seconds = time.perf_counter() - start
    return {"documents": count, "seconds": round(seconds, 2), "docs_per_s": round(count / seconds)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20000)
    print(measure(parser.parse_args().n))
