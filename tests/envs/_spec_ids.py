"""Reads the authoritative latent id list for one env from the spec."""

from __future__ import annotations

import re
from pathlib import Path

SPEC = Path("/work/shared/spec/latent_ids.txt")
LOCAL = Path(__file__).with_name("latent_ids.txt")


def spec_ids(env: str) -> list[str]:
    path = LOCAL if LOCAL.exists() else SPEC
    out, section = [], None
    for line in path.read_text().splitlines():
        m = re.match(r"## env=(\w+)", line)
        if m:
            section = m.group(1)
        elif section == env and line.strip() and not line.startswith("#"):
            out.append(line.strip())
    return out
