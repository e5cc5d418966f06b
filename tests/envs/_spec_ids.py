"""Reads the authoritative latent id list for one env from ``tests/envs/latent_ids.txt``.

The file lists the original's 421 latent ids, grouped by env and complexity, in registration order.
"""

from __future__ import annotations

import re
from pathlib import Path

LATENT_IDS = Path(__file__).with_name("latent_ids.txt")


def spec_ids(env: str) -> list[str]:
    out, section = [], None
    for line in LATENT_IDS.read_text().splitlines():
        m = re.match(r"## env=(\w+)", line)
        if m:
            section = m.group(1)
        elif section == env and line.strip() and not line.startswith("#"):
            out.append(line.strip())
    return out
