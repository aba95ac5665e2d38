"""Python baseline for bench:analyze: jieba segmentation + SnowNLP sentiment on the same texts.
Reads JSON lines {"text": ...} on stdin; prints one JSON object with docs, seconds, p99 millis
per post and peak RSS in MiB."""
import json
import resource
import sys
import time

import jieba
from snownlp import SnowNLP


def main() -> None:
    texts = [json.loads(line)["text"] for line in sys.stdin]
    jieba.initialize()
    durations = []
    started = time.perf_counter()
    for text in texts:
        t0 = time.perf_counter()
        list(jieba.cut(text))
        if text.strip():
            SnowNLP(text).sentiments
        durations.append(time.perf_counter() - t0)
    seconds = time.perf_counter() - started
    durations.sort()
    p99 = durations[min(len(durations) - 1, int(len(durations) * 0.99))] if durations else 0.0
    peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"docs": len(texts), "seconds": seconds, "p99Millis": p99 * 1000, "peakRssMib": peak_rss_mib}))


if __name__ == "__main__":
    main()
