import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # tmux_session, shared by the e2e tests
