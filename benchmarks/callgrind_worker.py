"""Replay the first K recorded streams of one env (run under callgrind by ``run.py``)."""

import sys

from streams import recorded, replay

if __name__ == "__main__":
    env, count, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    streams = recorded(env, range(total))
    replay(env, streams[:1])  # warm lazy data and caches in both runs
    steps, _ = replay(env, streams[:count])
    print(steps)
