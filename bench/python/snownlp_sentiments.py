"""SnowNLP baseline for eval:sentiment: reads JSON lines {"text": ...} on stdin and writes one
line per input with SnowNLP's positive probability (0..1). Empty texts score 0.5."""
import json
import sys

from snownlp import SnowNLP


def main() -> None:
    out = sys.stdout
    for line in sys.stdin:
        text = json.loads(line)["text"]
        out.write(f"{SnowNLP(text).sentiments if text.strip() else 0.5:.6f}\n")
    out.flush()


if __name__ == "__main__":
    main()
