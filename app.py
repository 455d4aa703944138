"""`python app.py`: the same server as `policybot serve` (UI at /, API at /api/v1/)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "src"))

from policybot.cli import main

if __name__ == "__main__":
    sys.argv = [sys.argv[0], "serve", *sys.argv[1:]]
    main()
